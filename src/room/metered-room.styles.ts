import { css } from 'lit';

export const roomStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    /* Inside a box of fixed height the room never grows past it (a page's own max-height wins). */
    max-height: 100%;
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  /*
   * A column: status lines (banner, notice, Join) on top, then the layout, which takes the rest of the height. It is
   * an inner box, not the host, because pages restyle the host: the README's own CMS block sets display: block, and
   * themes with "* { all: revert }" make it inline. Inside a flex host it shrinks to the host's max-height; inside a
   * block host it takes the host's height.
   */
  :host(:fullscreen) {
    max-height: none;
    padding: var(--_gap);
  }
  .frame {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    height: 100%;
    display: flex;
    flex-direction: column;
  }
  /*
   * The default layout fills the room's height when the page gives the room one (height: 80vh, height: 100% in a
   * sized box) and is 36rem tall when it does not. Its rows never grow with their content: the video tiles fill
   * their area and the chat scrolls inside its own, so the controls and the chat input stay in view.
   */
  .layout {
    flex: 1 1 36rem;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
    grid-template-areas: 'video' 'controls';
    gap: var(--_gap);
  }
  /* An open side panel (chat or participants) takes a column of its own. */
  .layout.with-panel {
    grid-template-columns: minmax(0, 1fr) minmax(16rem, 24rem);
    grid-template-areas: 'video panel' 'controls panel';
  }
  /* The grid gives both children their size; their own defaults (a 16:9 video box, a 12rem chat) step aside. */
  .video {
    grid-area: video;
    min-height: 0;
    aspect-ratio: auto;
  }
  /* The pre-join screen takes the video's place: the preview, your name and Join, centred. */
  .prejoin {
    grid-area: video;
    min-height: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_gap);
  }
  .preview {
    position: relative;
    flex: 0 1 auto;
    min-height: 0;
    width: min(100%, 32rem);
    aspect-ratio: 16 / 9;
    display: grid;
    place-items: center;
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_tile-bg);
    color: #fff;
  }
  /* Your own camera, mirrored like your own tile in the call. */
  .preview video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    transform: scaleX(-1);
  }
  /* The microphone level: the room sets --level (0 to 1) about ten times a second. */
  .level {
    position: absolute;
    inset-block-end: 0;
    inset-inline-start: 0;
    block-size: 0.35rem;
    inline-size: calc(var(--level, 0) * 100%);
    background: var(--_accent);
  }
  .panel {
    grid-area: panel;
    min-height: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .panel-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .panel-head h2 {
    margin: 0;
    font-size: 1rem;
  }
  .close {
    padding: 0.2em;
    min-height: 0;
    display: inline-flex;
  }
  .chat {
    flex: 1 1 auto;
    min-height: 0;
  }
  /* The chat element's own display would otherwise win over the hidden attribute. */
  [hidden] {
    display: none !important;
  }
  .people {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
  }
  .person {
    display: flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.5em var(--_gap);
    border-bottom: 1px solid var(--_border);
  }
  .person-name {
    overflow-wrap: anywhere;
  }
  .you {
    color: var(--_muted);
  }
  .mark {
    display: inline-flex;
    color: var(--_muted);
  }
  /* The bar's own width decides whether the labels show (a room in a narrow column of a wide page, too). */
  @container (max-width: 40rem) {
    .control .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    /* The device pickers go last: the buttons stay together on the first line. */
    .controls select {
      order: 1;
    }
  }
  .controls {
    container-type: inline-size;
    grid-area: controls;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .control {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .icon {
    flex: none;
  }
  .count {
    min-inline-size: 1.4em;
    padding: 0 0.4em;
    border-radius: 1em;
    font-size: 0.8em;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [aria-pressed='true'] > .count {
    background: var(--_on-accent);
    color: var(--_accent);
  }
  /* Over the call, not in its flow: the hint comes and goes as the user speaks and must not move the layout. */
  .muted-hint {
    position: absolute;
    z-index: 2;
    inset-block-start: var(--_gap);
    inset-inline: 0;
    inline-size: fit-content;
    margin: 0 auto;
    padding: 0.4em 1em;
    border-radius: 1em;
    background: var(--_text);
    color: var(--_bg);
    pointer-events: none;
  }
  /* In the default layout: over the video area, centred on it (not on the room, which includes the side panel). */
  .layout > .muted-hint {
    position: relative;
    inset: auto;
    grid-area: video;
    align-self: start;
    margin-block-start: var(--_gap);
  }
  button,
  input,
  select {
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    padding: 0.4em 0.8em;
    min-height: 2.25rem;
  }
  /* A device's name can be long ("Fake Default Audio Input", "FaceTime HD Camera (Built-in)"): it is cut, not the bar. */
  select {
    max-inline-size: 11rem;
    text-overflow: ellipsis;
  }
  /* A switched-off microphone or camera: its icon is crossed out and the button turns to the danger colour. */
  button.device-toggle[aria-pressed='false']:enabled {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_bg);
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
  /* Narrow screens, last so that it wins over the rules above: one column, controls on one line. */
  @media (max-width: 40rem) {
    .layout.with-panel {
      grid-template-columns: minmax(0, 1fr);
      /* The panel gets the larger share: the tiles stay readable small, a chat does not. */
      grid-template-rows: minmax(6rem, 2fr) auto minmax(12rem, 3fr);
      grid-template-areas: 'video' 'controls' 'panel';
    }
    /* One line of icon controls, tighter, that scrolls sideways only when it must (instead of four lines taken from
       the chat): on a 390 px phone the seven buttons fit. */
    .controls {
      flex-wrap: nowrap;
      overflow-x: auto;
      white-space: nowrap;
      gap: 0.25rem;
      padding: 0.25rem;
    }
    .control {
      padding-inline: 0.4em;
    }
    .count {
      padding: 0 0.3em;
    }
    .controls > * {
      flex: none;
    }
  }
  /* A phone: an open panel covers the video (which keeps playing under it); the controls stay below. */
  @media (max-width: 480px) {
    .layout.with-panel {
      grid-template-rows: minmax(0, 1fr) auto;
      grid-template-areas: 'video' 'controls';
    }
    .panel {
      grid-area: video;
      z-index: 1;
      background: var(--_bg);
    }
  }
`;
