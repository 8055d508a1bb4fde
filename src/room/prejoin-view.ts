/**
 * The pre-join screen of the default layout: your camera as the others will see it, a microphone level meter, your
 * name and Join. The microphone and camera toggles and the device pickers are the control bar's own, under it:
 * what is switched off here stays off in the call (starting muted is a choice made there).
 */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { MAX_NAME_LENGTH } from '../wire/names.js';

export interface PrejoinScreen {
  /** The preview capture, once the browser gave it. */
  stream: MediaStream | null;
  cameraEnabled: boolean;
  microphoneEnabled: boolean;
  /** The name the input starts with (the room's display-name, else the one remembered). */
  name: string;
  join(name: string): void;
}

/** The element whose `--level` custom property the room sets about ten times a second, without a render. */
export const LEVEL_SELECTOR = '.prejoin .level';

export function renderPrejoin({ stream, cameraEnabled, microphoneEnabled, name, join }: PrejoinScreen) {
  const video = cameraEnabled && stream?.getVideoTracks().length ? stream : null;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    join(new FormData(event.target as HTMLFormElement).get('name') as string);
  };
  // guard: a property binding sets an object on every render, and a new srcObject restarts the video. Until the
  // browser gives the capture the box stays empty; if it never does, the room's notice says why.
  const picture = video
    ? html`<video part="preview" .srcObject=${guard([video], () => video)} autoplay muted playsinline></video>`
    : html`<p>${stream ? 'Your camera is off' : nothing}</p>`;
  return html`<form class="prejoin" part="prejoin" aria-label="Before you join" @submit=${submit}>
    <div class="preview">
      ${picture}
      <div class="level" part="level" aria-hidden="true" ?hidden=${!microphoneEnabled}></div>
    </div>
    <label>Your name <input name="name" part="name" .value=${name} maxlength=${MAX_NAME_LENGTH} autocomplete="name" /></label>
    <button class="primary join" part="join">Join</button>
  </form>`;
}
