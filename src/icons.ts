/**
 * Every icon of the elements, as inline SVG templates: no icon font, no network fetch, `currentColor` so they follow
 * the text colour (forced-colors included). Each is `aria-hidden`: the control carries a text label beside it or an
 * `aria-label`. Stroke outlines on a 24 × 24 grid, drawn for this project.
 */
import { html, type TemplateResult } from 'lit';

/** An outline icon from one SVG path (`d`): several sub-paths, one stroke. */
export function icon(d: string): TemplateResult {
  // One line, no whitespace between the tags: it would become text in the label an icon sits in.
  // prettier-ignore
  return html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d=${d}></path></svg>`;
}

const MIC = 'M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3M19 10v2a7 7 0 0 1-14 0v-2M12 19v3';
const CAMERA = 'M3 6h12v12H3zM15 10l6-3v10l-6-3';
/** The diagonal that crosses out a switched-off device. */
const SLASH = 'M3 3l18 18';

export const micIcon = icon(MIC);
export const micOffIcon = icon(MIC + SLASH);
export const cameraIcon = icon(CAMERA);
export const cameraOffIcon = icon(CAMERA + SLASH);
export const screenIcon = icon('M3 4h18v12H3zM8 20h8M12 16v4');
export const participantsIcon = icon(
  'M9 11a4 4 0 1 0 0-8a4 4 0 0 0 0 8M2 21v-1a7 7 0 0 1 14 0v1M16 3.1a4 4 0 0 1 0 7.8M22 21v-1a6 6 0 0 0-4-5.6',
);
export const chatIcon = icon('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z');
export const fullscreenIcon = icon('M8 3H3v5M16 3h5v5M21 16v5h-5M3 16v5h5');
export const leaveIcon = icon('M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5l-5-5M21 12H9');
export const pipIcon = icon('M21 10V5H3v14h7M13 13h8v7h-8z');
export const closeIcon = icon('M6 6l12 12M18 6L6 18');
export const verifiedIcon = icon('M20 6L9 17l-5-5');
