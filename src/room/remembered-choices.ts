/**
 * What a person chose on the pre-join screen — name, microphone and camera on or off, which devices — kept in this
 * browser's localStorage so the next call starts with it. Storage can be missing or refuse (a sandboxed frame,
 * some private modes, full quota): then nothing is remembered and nothing fails. What is read back is checked
 * field by field, since another script on the origin can write anything there.
 */
import { isRecord } from '../wire/is-record.js';
import type { DeviceChoice } from './local-media.js';

const STORAGE_KEY = 'metered-elements:choices';

/** The choices, each with the type it must have when read back (`audio`, `video`: device ids). */
const FIELD_TYPES: Readonly<Record<keyof Choices, 'string' | 'boolean'>> = {
  name: 'string',
  microphone: 'boolean',
  camera: 'boolean',
  audio: 'string',
  video: 'string',
};

export interface Choices extends DeviceChoice {
  name?: string;
  microphone?: boolean;
  camera?: boolean;
}

/** What was stored: each known field whose value has its type; anything else is dropped. */
export function loadChoices(): Choices {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
  if (!isRecord(stored)) return {};
  const valid = Object.entries(stored).filter(([key, value]) => typeof value === FIELD_TYPES[key as keyof Choices]);
  return Object.fromEntries(valid) as Choices;
}

export function saveChoices(choices: Choices): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Storage refused: this call goes ahead, the next one starts from the defaults.
  }
}
