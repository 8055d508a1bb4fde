/**
 * What the room's media methods do to the captures and the SDK peer: toggling, switching devices, and the screen
 * share (captured here, added to the peer with its role, announced to the others, stopped when the browser's
 * "stop sharing" ends the track). Errors become `metered-error` on the room; nothing here throws.
 */
import { mapMediaError, mapSdkError } from '../error-mapping.js';
import type { RoomSession } from './room-session.js';

function canSend(session: RoomSession): boolean {
  const state = session.peer?.state;
  return state === 'idle' || state === 'joining' || state === 'joined' || state === 'reconnecting';
}

function reportSdk(session: RoomSession, err: unknown): void {
  const init = mapSdkError(err);
  if (init) session.report(init);
}

export function setMicrophoneEnabled(session: RoomSession, enabled: boolean): void {
  session.media.setMicrophoneEnabled(enabled);
  session.changed();
}

export function setCameraEnabled(session: RoomSession, enabled: boolean): void {
  session.media.setCameraEnabled(enabled);
  session.changed();
}

export async function startScreenShare(session: RoomSession, source?: MediaStream): Promise<void> {
  if (session.media.screen) return;
  let screen: MediaStream | null;
  try {
    screen = await session.media.captureScreen(source);
  } catch (err) {
    session.report(mapMediaError(err));
    return;
  }
  if (!screen) return;
  screen.getVideoTracks()[0]?.addEventListener('ended', () => stopScreenShare(session));
  if (session.peer && canSend(session)) {
    try {
      session.peer.addStream(screen, { role: 'screen' });
    } catch (err) {
      reportSdk(session, err);
    }
  }
  session.announceStream(screen, 'screen');
  session.changed();
}

export function stopScreenShare(session: RoomSession): void {
  const screen = session.media.screen;
  if (!screen) return;
  if (session.peer && canSend(session)) {
    try {
      session.peer.removeStream(screen);
    } catch (err) {
      reportSdk(session, err);
    }
  }
  session.media.stopScreen();
  session.changed();
}

export async function selectDevice(
  session: RoomSession,
  kind: 'audioinput' | 'videoinput',
  deviceId: string,
): Promise<void> {
  let swap: [MediaStreamTrack, MediaStreamTrack] | null;
  try {
    swap = await session.media.switchDevice(kind === 'audioinput' ? 'audio' : 'video', deviceId);
  } catch (err) {
    session.report(mapMediaError(err));
    return;
  }
  if (!swap) return;
  const [oldTrack, newTrack] = swap;
  const peer = session.peer;
  const camera = session.media.camera;
  if (peer && camera && canSend(session)) {
    try {
      if (peer.state === 'reconnecting') {
        // replaceTrack refuses while reconnecting; the tracking map alone is updated and the fresh connections
        // carry the new track once the SDK has reconnected.
        peer.removeTrack(oldTrack);
        peer.addTrack(newTrack, camera, { role: 'camera' });
      } else {
        // No renegotiation: the others' receivers simply get the new device's frames.
        await peer.replaceTrack(oldTrack, newTrack);
      }
    } catch (err) {
      reportSdk(session, err);
    }
  }
  oldTrack.stop();
  session.changed();
}
