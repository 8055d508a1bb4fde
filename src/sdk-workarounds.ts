/**
 * The checklist for an SDK upgrade: every place where our code works around a defect or a gap of
 * `@metered-ca/realtime` SDK_VERSION, where the workaround lives, and the test that proves it is still needed and
 * still works. Nothing imports this file into the bundle; test/server/sdk-workarounds.test.ts reads it and fails
 * when the installed SDK is not SDK_VERSION, when a listed file no longer names the version, or when a listed test
 * is gone.
 *
 * Upgrading the SDK: for each entry, read the new SDK's changelog and code for `fixedWhen`; where it is fixed,
 * delete the workaround (the `code` files say what to remove), keep the proof test (it must pass without the
 * workaround), and drop the entry. Then set SDK_VERSION and update the "SDK 1.2.0" mentions in the files still
 * listed.
 */

/** The SDK version every workaround below was written and tested against. */
export const SDK_VERSION = '1.2.0';

export interface SdkWorkaround {
  /** What the SDK does wrong or lacks, as a user of the room would notice it. */
  readonly problem: string;
  /** Where the workaround lives (each of these files names the SDK version next to it). */
  readonly code: readonly string[];
  /** The test file, and the title of the test, that fails without the workaround. */
  readonly proof: { readonly file: string; readonly test: string };
  /** What to look for in a new SDK version before deleting the workaround. */
  readonly fixedWhen: string;
}

export const SDK_WORKAROUNDS: readonly SdkWorkaround[] = [
  {
    problem:
      'A stream\'s `addStream(stream, { role })` metadata never reaches the receiver in Chromium (looked up by the ' +
      'receiver track id, which the browser randomises): screen shares arrive as cameras.',
    code: ['src/room/room-messages.ts'],
    proof: { file: 'test/room.test.ts', test: 'arrives as role "screen", and role messages never reach consumers' },
    fixedWhen: 'the receiver\'s `stream-added` carries the role the sender gave, in Chromium',
  },
  {
    problem:
      'The `error` event names a close only (`invalid_token`, `close_4011`), puts the server\'s reason into ' +
      '`message`, and repeats a close the room already reported.',
    code: ['src/room/socket-watch.ts', 'src/room/close-policy.ts'],
    proof: { file: 'test/errors.test.ts', test: 'a token whose channels claim excludes the room is closed with 4003' },
    fixedWhen: 'close errors carry `closeCode` and `closeReason` fields and fire once per close',
  },
  {
    problem: 'The `token-provider-error` failure count does not survive into the error the SDK finally emits.',
    code: ['src/room/token-source.ts'],
    proof: { file: 'test/errors.test.ts', test: 'an expiring token whose token-url then fails' },
    fixedWhen: 'the terminal token-provider error carries the consecutive failure count',
  },
  {
    problem:
      'ICE servers come only from the welcome\'s `metadata.iceServers`: a publishable key gets none, and there is no ' +
      'option for the page\'s own servers or transport policy.',
    code: ['src/room/ice-config.ts'],
    proof: { file: 'test/ice-config.test.ts', test: "the welcome's metadata.iceServers are kept, after the room's own" },
    fixedWhen: 'MeteredPeer takes iceServers / iceTransportPolicy options and merges them with the welcome\'s',
  },
  {
    problem:
      'The ICE-restart ladder starts only on `iceConnectionState === "failed"`, which Chromium never reaches when ' +
      'every pair fails (it sets `connectionState` to failed instead): no error, "Reconnecting…" forever.',
    code: ['src/room/media-path-watch.ts'],
    proof: { file: 'test/ice-media-path.test.ts', test: 'reports no_media_path for each side within 20 s' },
    fixedWhen: 'the SDK restarts ICE on `connectionState === "failed"` and reports a connection that never forms',
  },
  {
    problem:
      'After a perfect-negotiation glare the polite side\'s connection can stay `new` for good (Chromium 156); the ' +
      'SDK restarts only on `failed`, so the call shows "Connecting…" forever.',
    code: ['src/room/stall-watch.ts'],
    proof: { file: 'test/stall-recovery.test.ts', test: 'the polite room reconnects' },
    fixedWhen: 'the SDK detects a connection that negotiated but never started ICE, or avoids the glare',
  },
  {
    problem: '`replaceTrack` refuses while the peer reconnects, so a device switch then would be lost.',
    code: ['src/room/media-controller.ts'],
    proof: { file: 'test/media-controller.test.ts', test: 'a microphone switch while the room reconnects' },
    fixedWhen: '`replaceTrack` during `reconnecting` updates the track the fresh connections will send',
  },
  {
    problem: 'A send lost to a close (`DisconnectedError`) names the close code only inside its message text.',
    code: ['src/chat/send-error.ts'],
    proof: { file: 'test/chat-send-error.test.ts', test: 'a request lost to a close is `disconnected`' },
    fixedWhen: '`DisconnectedError` carries the close code as a field',
  },
  {
    problem:
      'The published declarations use `RemotePeerInit` without declaring it: projects with `skipLibCheck: false` ' +
      'fail to compile as soon as they see the SDK\'s types.',
    code: ['src/sdk-type-fixes.ts'],
    proof: { file: 'test/toolchain/run.mjs', test: 'plain TypeScript: define alone brings the event maps' },
    fixedWhen: 'dist/index.d.ts declares or exports `RemotePeerInit`',
  },
];
