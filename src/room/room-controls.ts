/**
 * The room's control bar: microphone, camera, screen share, leave, and device pickers. A template function, not an
 * element: the controls act on the room they are rendered by (inside its shadow root, part `controls`), so they
 * need no context lookup and no public API of their own. Shown in the default layout, and with children when the
 * room has the `controls` attribute.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RoomState } from '../room-context.js';

export interface ControlsView {
  state: RoomState;
  microphoneEnabled: boolean;
  cameraEnabled: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  sharingScreen: boolean;
  canShareScreen: boolean;
  devices: readonly MediaDeviceInfo[];
  audioDeviceId: string | undefined;
  videoDeviceId: string | undefined;
  onMicrophone(enabled: boolean): void;
  onCamera(enabled: boolean): void;
  onScreenShare(start: boolean): void;
  onLeave(): void;
  onDevice(kind: 'audioinput' | 'videoinput', deviceId: string): void;
}

function picker(view: ControlsView, kind: 'audioinput' | 'videoinput', label: string, selected: string | undefined) {
  const devices = view.devices.filter((device) => device.kind === kind && device.deviceId !== '');
  if (devices.length < 2) return nothing;
  return html`<label
    >${label}
    <select
      part="device-picker"
      @change=${(e: Event) => view.onDevice(kind, (e.target as HTMLSelectElement).value)}
    >
      ${devices.map(
        (device, index) =>
          html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>
            ${device.label || `${label} ${index + 1}`}
          </option>`,
      )}
    </select></label
  >`;
}

export function renderControls(view: ControlsView): TemplateResult {
  const inCall = view.state === 'joined' || view.state === 'reconnecting';
  return html`<div class="controls" part="controls" role="group" aria-label="Call controls">
    <button
      part="control"
      class="device-toggle"
      aria-pressed=${view.microphoneEnabled}
      ?disabled=${!view.hasAudio}
      @click=${() => view.onMicrophone(!view.microphoneEnabled)}
    >
      Microphone
    </button>
    <button
      part="control"
      class="device-toggle"
      aria-pressed=${view.cameraEnabled}
      ?disabled=${!view.hasVideo}
      @click=${() => view.onCamera(!view.cameraEnabled)}
    >
      Camera
    </button>
    <button
      part="control"
      aria-pressed=${view.sharingScreen}
      ?disabled=${!inCall || !view.canShareScreen}
      @click=${() => view.onScreenShare(!view.sharingScreen)}
    >
      Share screen
    </button>
    ${picker(view, 'audioinput', 'Microphone device', view.audioDeviceId)}
    ${picker(view, 'videoinput', 'Camera device', view.videoDeviceId)}
    <button part="control leave" class="danger" ?disabled=${!inCall && view.state !== 'joining'} @click=${view.onLeave}>
      Leave
    </button>
  </div>`;
}
