/**
 * The pre-join screen (part `prejoin`): camera preview, microphone level, device pickers, name, "start with … off"
 * and Join. A template function over `PrejoinController`, which holds the state and the preview capture; `join`
 * is the room's own join-with-these-choices.
 */
import { html, nothing } from 'lit';
import { ERROR_TEXT } from '../error-text.js';
import { MAX_NAME_LENGTH } from '../wire/names.js';
import { devicePicker } from './device-picker.js';
import type { PrejoinController } from './prejoin-controller.js';

export function renderPrejoin(prejoin: PrejoinController, canJoin: boolean, join: () => void) {
  const { choices, preview, failure, devices } = prejoin;
  const hasVideo = (preview?.getVideoTracks().length ?? 0) > 0 && !choices.cameraOff;
  const hasAudio = (preview?.getAudioTracks().length ?? 0) > 0;
  const previewText = failure ? ERROR_TEXT[failure].message : choices.cameraOff ? 'Camera is off' : '';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    join();
  };
  return html`<form class="prejoin" part="prejoin" @submit=${onSubmit} @pointerdown=${() => prejoin.resumeMeter()}>
    <div class="preview" part="preview">
      ${hasVideo
        ? html`<video class="preview-video" .srcObject=${preview} autoplay muted playsinline></video>`
        : html`<p>${previewText}</p>`}
    </div>
    <div class="prejoin-choices">
      <label class="field"
        >Your name
        <input
          part="name-input"
          autocomplete="name"
          maxlength=${MAX_NAME_LENGTH}
          .value=${choices.name}
          @input=${(event: Event) => prejoin.choose({ name: (event.target as HTMLInputElement).value })}
      /></label>
      ${hasAudio
        ? html`<label class="field"
            >Microphone level
            <meter part="meter" min="0" max="1" .value=${prejoin.level}></meter
          ></label>`
        : nothing}
      ${devicePicker(devices, 'audioinput', 'Microphone', choices.audioDeviceId, (id) => prejoin.choose({ audioDeviceId: id }), 1)}
      ${devicePicker(devices, 'videoinput', 'Camera', choices.videoDeviceId, (id) => prejoin.choose({ videoDeviceId: id }), 1)}
      <label
        ><input
          type="checkbox"
          .checked=${choices.microphoneOff}
          @change=${(event: Event) => prejoin.choose({ microphoneOff: (event.target as HTMLInputElement).checked })}
        />
        Start with microphone off</label
      >
      <label
        ><input
          type="checkbox"
          .checked=${choices.cameraOff}
          @change=${(event: Event) => prejoin.choose({ cameraOff: (event.target as HTMLInputElement).checked })}
        />
        Start with camera off</label
      >
      <button class="primary" part="join" ?disabled=${!canJoin}>Join</button>
    </div>
  </form>`;
}
