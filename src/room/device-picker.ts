/** A microphone or camera `<select>` (part `device-picker`) of the control bar. */
import { html, nothing } from 'lit';
import type { DeviceKind } from './media-controller.js';

/** The devices of `kind` to choose from, or nothing when there is no choice (one device or none). */
export function devicePicker(
  devices: readonly MediaDeviceInfo[],
  kind: DeviceKind,
  label: string,
  selected: string | undefined,
  onChange: (deviceId: string) => void,
) {
  const choices = devices.filter((device) => device.kind === kind && device.deviceId !== '');
  if (choices.length < 2) return nothing;
  return html`<select
    part="device-picker"
    aria-label=${label}
    title=${label}
    @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}
  >
    ${choices.map(
      (device, index) =>
        html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>
          ${device.label || `${label} ${index + 1}`}
        </option>`,
    )}
  </select>`;
}
