/**
 * The network-quality bars on a remote participant's tile: three bars, as many filled as the level (0–3), drawn
 * in inline SVG. The SVG is hidden from assistive technology; the indicator itself is an image named in words
 * ("Connection: good"), read when a user reaches the tile, never announced on its own (not a live region: a
 * level may change every few seconds).
 */
import { html, svg, type TemplateResult } from 'lit';
import type { NetworkQualityLevel } from '../room-context.js';

/** The text alternative for each level. */
export const QUALITY_LABELS: Readonly<Record<NetworkQualityLevel, string>> = {
  0: 'Connection: bad',
  1: 'Connection: poor',
  2: 'Connection: fair',
  3: 'Connection: good',
};

const BARS = [1, 2, 3] as const;

export function renderQualityIndicator(level: NetworkQualityLevel): TemplateResult {
  const label = QUALITY_LABELS[level];
  return html`<span part="quality" class="quality" data-quality=${level} role="img" aria-label=${label} title=${label}>
    <svg viewBox="0 0 14 12" width="14" height="12" aria-hidden="true" focusable="false">
      ${BARS.map(
        (bar) =>
          svg`<rect class=${bar <= level ? 'bar bar-on' : 'bar'} x=${(bar - 1) * 5} y=${12 - bar * 4} width="4" height=${bar * 4} rx="1"></rect>`,
      )}
    </svg>
  </span>`;
}
