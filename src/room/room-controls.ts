/**
 * The room's control bar: microphone, camera, screen share, leave, and device pickers. A template function, not an
 * element: the controls act on the room they are rendered by (inside its shadow root, part `controls`), through the
 * room's own public methods — a click does exactly what a page calling that method does — so they need no context
 * lookup and no API of their own. Shown in the default layout, and with children when the room has the `controls`
 * attribute.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RoomState } from '../room-context.js';
import type { LocalMedia } from './local-media.js';

type DeviceKind = 'audioinput' | 'videoinput';

/** The room methods the controls call (all public API of `<metered-room>`). */
export interface ControlsTarget {
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  leave(): Promise<void>;
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
}

function picker(
  room: ControlsTarget,
  devices: readonly MediaDeviceInfo[],
  kind: DeviceKind,
  label: string,
  selected: string | undefined,
) {
  const choices = devices.filter((device) => device.kind === kind && device.deviceId !== '');
  if (choices.length < 2) return nothing;
  return html`<label
    >${label}
    <select part="device-picker" @change=${(e: Event) => room.selectDevice(kind, (e.target as HTMLSelectElement).value)}>
      ${choices.map(
        (device, index) =>
          html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>
            ${device.label || `${label} ${index + 1}`}
          </option>`,
      )}
    </select></label
  >`;
}

export function renderControls(
  room: ControlsTarget,
  state: RoomState,
  media: LocalMedia,
  devices: readonly MediaDeviceInfo[],
): TemplateResult {
  const inCall = state === 'joined' || state === 'reconnecting';
  const { microphoneEnabled, cameraEnabled, camera } = media;
  const sharing = media.screen !== null;
  return html`<div class="controls" part="controls" role="group" aria-label="Call controls">
    <button
      part="control"
      class="device-toggle"
      aria-pressed=${microphoneEnabled}
      ?disabled=${!camera?.getAudioTracks().length}
      @click=${() => room.setMicrophoneEnabled(!microphoneEnabled)}
    >
      Microphone
    </button>
    <button
      part="control"
      class="device-toggle"
      aria-pressed=${cameraEnabled}
      ?disabled=${!camera?.getVideoTracks().length}
      @click=${() => room.setCameraEnabled(!cameraEnabled)}
    >
      Camera
    </button>
    <button
      part="control"
      aria-pressed=${sharing}
      ?disabled=${!inCall || typeof navigator.mediaDevices?.getDisplayMedia !== 'function'}
      @click=${() => (sharing ? room.stopScreenShare() : room.startScreenShare())}
    >
      Share screen
    </button>
    ${picker(room, devices, 'audioinput', 'Microphone device', media.currentDeviceId('audio'))}
    ${picker(room, devices, 'videoinput', 'Camera device', media.currentDeviceId('video'))}
    <button part="control leave" class="danger" ?disabled=${!inCall && state !== 'joining'} @click=${() => room.leave()}>
      Leave
    </button>
  </div>`;
}
