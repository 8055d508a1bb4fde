/**
 * Design tokens shared by every element: each `--metered-*` custom property has a light default and a dark one
 * under `prefers-color-scheme: dark`. Page authors override any of them on the element or an ancestor, e.g.
 * `metered-room { --metered-accent: rebeccapurple; }`. Elements include this in `static styles` and use the
 * `--_`-prefixed private copies, so an author's value (inherited) wins over our default.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_bg: var(--metered-background, #ffffff);
    --_surface: var(--metered-surface, #f3f4f6);
    --_text: var(--metered-text, #111827);
    --_muted: var(--metered-muted-text, #4b5563);
    --_accent: var(--metered-accent, #2563eb);
    --_on-accent: var(--metered-on-accent, #ffffff);
    --_danger: var(--metered-danger, #b91c1c);
    --_border: var(--metered-border, #d1d5db);
    --_radius: var(--metered-radius, 8px);
    --_gap: var(--metered-gap, 8px);
    --_tile-bg: var(--metered-tile-background, #1f2937);
    font-family: var(--metered-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--metered-background, #111827);
      --_surface: var(--metered-surface, #1f2937);
      --_text: var(--metered-text, #f9fafb);
      --_muted: var(--metered-muted-text, #d1d5db);
      --_accent: var(--metered-accent, #60a5fa);
      --_on-accent: var(--metered-on-accent, #0b1220);
      --_danger: var(--metered-danger, #f87171);
      --_border: var(--metered-border, #374151);
      --_tile-bg: var(--metered-tile-background, #030712);
    }
  }
  /* Form controls of every element: the element's font, the theme's corners. */
  button,
  input,
  select,
  textarea {
    font: inherit;
    border-radius: var(--_radius);
  }
  /* One focus ring for every focusable part of every element (buttons, selects, the chat input and list). */
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* Nothing animates today; this keeps it so for readers who ask for less motion. (No ::before/::after here.) */
  @media (prefers-reduced-motion: reduce) {
    :host * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
