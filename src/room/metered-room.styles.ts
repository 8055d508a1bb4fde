import { css } from 'lit';

export const roomStyles = css`
  :host {
    display: block;
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(14rem, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
    grid-template-areas: 'video chat' 'controls chat';
    gap: var(--_gap);
    min-height: 24rem;
  }
  @media (max-width: 40rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'video' 'controls' 'chat';
    }
  }
  metered-video {
    grid-area: video;
    min-height: 12rem;
  }
  metered-chat {
    grid-area: chat;
  }
  .controls {
    grid-area: controls;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  button,
  select {
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    padding: 0.4em 0.8em;
    min-height: 2.25rem;
  }
  /* A switched-off microphone or camera reads as crossed out. */
  button.device-toggle[aria-pressed='false'] {
    color: var(--_muted);
    text-decoration: line-through;
  }
  button[aria-pressed='true']:not(.device-toggle) {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.6;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  .danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
  }
  /* Read by screen readers, not shown: the room's one live region (live-region.ts). */
  .live {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .banner,
  .notice,
  .hint,
  .error {
    padding: var(--_gap);
    margin-bottom: var(--_gap);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .error {
    border: 1px solid var(--_danger);
  }
  .notice p {
    margin: 0;
  }
  .hint {
    border: 1px dashed var(--_border);
  }
  .error p {
    margin: 0 0 0.4em;
  }
  .error .message {
    color: var(--_danger);
    font-weight: 600;
  }
  .join {
    margin-bottom: var(--_gap);
  }
`;
