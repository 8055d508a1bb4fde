/** A microphone or camera `<select>` (part `device-picker`), used by the control bar and the pre-join screen. */
import { html, nothing } from 'lit';
import type { DeviceKind } from './media-controller.js';

/**
 * The devices of `kind` to choose from, or nothing when there are fewer than `min` (a bar hides a choice of one;
 * the pre-join screen shows which device it will use).
 */
export function devicePicker(
  devices: readonly MediaDeviceInfo[],
  kind: DeviceKind,
  label: string,
  selected: string | undefined,
  onChange: (deviceId: string) => void,
  min = 2,
) {
  const choices = devices.filter((device) => device.kind === kind && device.deviceId !== '');
  if (choices.length < min) return nothing;
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
