/**
 * What the pre-join screen asks, and its memory on this device: the name, the two devices and whether to start
 * with the microphone or camera off, kept in localStorage under one key (the room's `remember="off"` opts out).
 * Storage can be missing or throw (private windows, sandboxed frames, a full quota): then nothing is remembered.
 */
import { isRecord } from '../wire/is-record.js';

export interface PrejoinChoices {
  name: string;
  audioDeviceId: string;
  videoDeviceId: string;
  microphoneOff: boolean;
  cameraOff: boolean;
}

const STORAGE_KEY = 'metered-elements:prejoin';

export function defaultChoices(): PrejoinChoices {
  return { name: '', audioDeviceId: '', videoDeviceId: '', microphoneOff: false, cameraOff: false };
}

/** The remembered choices over the defaults; a field of the wrong type (an older or edited entry) is ignored. */
export function loadChoices(): PrejoinChoices {
  const choices = defaultChoices();
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return choices;
  }
  if (!isRecord(stored)) return choices;
  for (const key of Object.keys(choices) as (keyof PrejoinChoices)[]) {
    if (typeof stored[key] === typeof choices[key]) Object.assign(choices, { [key]: stored[key] });
  }
  return choices;
}

export function saveChoices(choices: PrejoinChoices): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Not remembered on this device; the call itself is unaffected.
  }
}
