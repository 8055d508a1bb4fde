/**
 * The elements' icons: inline SVG templates (no icon font, no network fetch), hidden from assistive technology —
 * whoever renders one gives it a text label beside it or an `aria-label`. They draw in `currentColor`, so forced
 * colours and themes recolour them.
 */
import { html } from 'lit';

/** A microphone crossed out: a participant's microphone is muted (on their tile's label). */
// No whitespace between the tags: it would become text in the label the icon sits in.
export const micOffIcon = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M9 9v3a3 3 0 0 0 5 2.2M15 10V5a3 3 0 0 0-5.7-1.3M19 11a7 7 0 0 1-1.2 3.8M5 11a7 7 0 0 0 11 5.7M12 19v3M3 3l18 18"/></svg>`;

