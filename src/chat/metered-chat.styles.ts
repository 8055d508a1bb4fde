import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 12rem;
    box-sizing: border-box;
  }
  .base {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    gap: var(--_gap);
  }
  .log-area {
    position: relative;
    display: flex;
    flex: 1;
    min-height: 6rem;
  }
  .list {
    flex: 1;
    box-sizing: border-box;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .empty {
    margin: auto;
    color: var(--_muted);
  }
  .divider {
    margin: 0;
    padding-block: 0.25em;
    border-block-end: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8em;
    text-align: center;
  }
  .message {
    max-width: 85%;
    align-self: flex-start;
    padding: calc(var(--_gap) / 2) var(--_gap);
    border-radius: var(--_radius);
    background: var(--_bg);
    border: 1px solid var(--_border);
  }
  .message.own {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }
  .message p {
    margin: 0;
  }
  .meta,
  .failure {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5ch;
    align-items: baseline;
    font-size: 0.8em;
  }
  .sender {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .unverified {
    color: var(--_danger);
    font-style: italic;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .pending {
    font-size: 0.8em;
  }
  .failure {
    align-items: center;
    font-size: 0.85em;
    font-weight: 600;
  }
  .message[data-status='failed'] {
    outline: 2px solid var(--_danger);
  }
  button {
    cursor: pointer;
    border: 1px solid transparent;
    background: var(--_accent);
    color: var(--_on-accent);
    padding: 0.25em 0.75em;
  }
  .own button {
    background: var(--_bg);
    color: var(--_text);
  }
  .new-messages {
    position: absolute;
    left: 50%;
    transform: translateX(-50%);
    bottom: var(--_gap);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.3);
  }
  .form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: calc(var(--_gap) / 2) var(--_gap);
  }
  .label,
  .status {
    grid-column: 1 / -1;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .input {
    resize: vertical;
    min-height: 2.5em;
    padding: calc(var(--_gap) / 2);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_text);
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .status {
    margin: 0;
    min-height: 1.2em;
  }
  .status.error {
    color: var(--_danger);
  }
`;
