/**
 * The room's control bar: microphone, camera, screen share, device pickers, participants, chat, fullscreen and
 * leave, each an icon with a text label (hidden on narrow screens, where it stays the button's accessible name).
 * A template function, not an element: the controls act on the room they are rendered by (inside its shadow root,
 * part `controls`), through the room's own public methods — a click does exactly what a page calling that method
 * does — so they need no context lookup and no API of their own. Shown in the default layout, and with children
 * when the room has the `controls` attribute (without the participants and chat buttons: there is no panel then).
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  cameraIcon,
  cameraOffIcon,
  chatIcon,
  fullscreenIcon,
  leaveIcon,
  micIcon,
  micOffIcon,
  participantsIcon,
  screenIcon,
} from '../icons.js';
import type { RoomState } from '../room-context.js';
import { devicePicker } from './device-picker.js';
import type { LocalMedia } from './local-media.js';
import type { DeviceKind } from './media-controller.js';

/** The room methods the controls call (all public API of `<metered-room>`). */
export interface ControlsTarget {
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  leave(): Promise<void>;
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
}

/** The side panels of the default layout, as the participants and chat buttons see them. */
export interface PanelControls {
  open: 'participants' | 'chat' | null;
  participants: number;
  unread: number;
  toggle(panel: 'participants' | 'chat'): void;
}

/** Whether the room is fullscreen, and how to switch; null where the browser offers no fullscreen. */
export interface FullscreenControl {
  active: boolean;
  toggle(): void;
}

/** What the bar shows besides the room's own media controls. */
export interface ControlsExtras {
  fullscreen: FullscreenControl | null;
  /** The default layout's panels; absent with children. */
  panels?: PanelControls;
}

/** A button's text; `count` is a badge after it (participants, unread messages), also read out. */
function label(text: string, count?: number) {
  return html`<span class="label">${text}</span>${count ? html` <span class="count">${count}</span>` : nothing}`;
}

export function renderControls(
  room: ControlsTarget,
  state: RoomState,
  media: LocalMedia,
  devices: readonly MediaDeviceInfo[],
  { fullscreen, panels }: ControlsExtras,
): TemplateResult {
  const inCall = state === 'joined' || state === 'reconnecting';
  const { microphoneEnabled, cameraEnabled, camera } = media;
  const sharing = media.screen !== null;
  const panelButton = (panel: 'participants' | 'chat', icon: TemplateResult, text: string, count: number) =>
    html`<button
      part="control"
      class="control"
      data-panel=${panel}
      aria-pressed=${panels!.open === panel}
      @click=${() => panels!.toggle(panel)}
    >
      ${icon}${label(text, count)}
    </button>`;
  return html`<div class="controls" part="controls" role="group" aria-label="Call controls">
    <button
      part="control"
      class="control device-toggle"
      aria-pressed=${microphoneEnabled}
      ?disabled=${!camera?.getAudioTracks().length}
      @click=${() => room.setMicrophoneEnabled(!microphoneEnabled)}
    >
      ${microphoneEnabled ? micIcon : micOffIcon}${label('Microphone')}
    </button>
    <button
      part="control"
      class="control device-toggle"
      aria-pressed=${cameraEnabled}
      ?disabled=${!camera?.getVideoTracks().length}
      @click=${() => room.setCameraEnabled(!cameraEnabled)}
    >
      ${cameraEnabled ? cameraIcon : cameraOffIcon}${label('Camera')}
    </button>
    <button
      part="control"
      class="control"
      aria-pressed=${sharing}
      ?disabled=${!inCall || typeof navigator.mediaDevices?.getDisplayMedia !== 'function'}
      @click=${() => (sharing ? room.stopScreenShare() : room.startScreenShare())}
    >
      ${screenIcon}${label('Share screen')}
    </button>
    ${devicePicker(devices, 'audioinput', 'Microphone device', media.currentDeviceId('audio'), (id) =>
      room.selectDevice('audioinput', id),
    )}
    ${devicePicker(devices, 'videoinput', 'Camera device', media.currentDeviceId('video'), (id) =>
      room.selectDevice('videoinput', id),
    )}
    ${panels
      ? html`${panelButton('participants', participantsIcon, 'Participants', panels.participants)}
        ${panelButton('chat', chatIcon, 'Chat', panels.open === 'chat' ? 0 : panels.unread)}`
      : nothing}
    ${fullscreen
      ? html`<button part="control" class="control" aria-pressed=${fullscreen.active} @click=${fullscreen.toggle}>
          ${fullscreenIcon}${label('Fullscreen')}
        </button>`
      : nothing}
    <button
      part="control leave"
      class="control danger"
      ?disabled=${!inCall && state !== 'joining'}
      @click=${() => room.leave()}
    >
      ${leaveIcon}${label('Leave')}
    </button>
  </div>`;
}
