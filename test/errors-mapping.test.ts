import {
  DataChannelOverflowError,
  MeteredPeerOversizedError,
  MeteredPeerReplaceTrackError,
  MeteredPeerSendError,
  MeteredPeerStateError,
  SignallingConnectError,
} from '@metered-ca/realtime';
import { expect } from '@open-wc/testing';
import { mapClose, mapMediaError, mapSdkError } from '../src/error-mapping.js';
import { ERROR_TEXT } from '../src/error-text.js';
import { CloseErrorCode, MeteredErrorCode } from '../src/errors.js';
import { errorDetail } from '../src/events.js';

/** The SDK's own error classes, constructed as the SDK constructs them, mapped to our typed details. */
describe('SDK error → metered-error detail', () => {
  it('maps every SDK error class by name, with its typed fields and the original as cause', () => {
    const oversized = new MeteredPeerOversizedError(70000, 65536);
    expect(mapSdkError(oversized)).to.deep.equal({ code: 'oversized', size: 70000, cap: 65536, fatal: false, cause: oversized });

    for (const code of ['not_joined', 'invalid_args', 'self_send'] as const) {
      const err = new MeteredPeerSendError(code, 'server text that must not be shown');
      expect(mapSdkError(err)).to.deep.equal({ code, fatal: false, cause: err });
    }
    const reserved = new MeteredPeerSendError('reserved_channel', 'x');
    expect(mapSdkError(reserved)).to.include({ code: 'reserved_channel', fatal: true });

    const state = new MeteredPeerStateError('invalid_state', 'addStream', 'x', 'closed');
    expect(mapSdkError(state)).to.deep.equal({
      code: 'invalid_state',
      method: 'addStream',
      currentState: 'closed',
      fatal: false,
      cause: state,
    });
    const attached = new MeteredPeerStateError('track_already_attached', 'addTrack', 'x');
    expect(mapSdkError(attached)).to.deep.equal({ code: 'track_already_attached', method: 'addTrack', fatal: false, cause: attached });

    const replace = new MeteredPeerReplaceTrackError(['a'], [{ peerId: 'b', err: new Error('codec') }]);
    expect(mapSdkError(replace)).to.deep.equal({
      code: 'replace_track_failed',
      succeeded: ['a'],
      failed: ['b'],
      fatal: false,
      cause: replace,
    });

    const overflow = new DataChannelOverflowError(257, 256);
    expect(mapSdkError(overflow)).to.deep.equal({ code: 'data_channel_overflow', queued: 257, cap: 256, fatal: false, cause: overflow });

    const connect = new SignallingConnectError(4001, 'invalid_token');
    expect(mapSdkError(connect)).to.include({ code: 'invalid_token', closeCode: 4001, closeReason: 'invalid_token', fatal: true });
  });

  it('maps errors the SDK builds by name: server frames, disconnects, token provider, ICE, reconcile', () => {
    const frame = Object.assign(new Error('quota spent'), { name: 'over_message_quota' });
    expect(mapSdkError(frame)).to.include({ code: 'over_message_quota', serverMessage: 'quota spent', fatal: false });
    const bare = Object.assign(new Error('unknown_type'), { name: 'unknown_type' });
    expect(mapSdkError(bare)).to.not.have.property('serverMessage');
    const denied = Object.assign(new Error('no'), { name: 'action_not_permitted' });
    expect(mapSdkError(denied)).to.include({ code: 'action_not_permitted', fatal: true });

    const lost = Object.assign(new Error('connection closed before ack'), { name: 'DisconnectedError' });
    expect(mapSdkError(lost, { closeCode: 1001 })).to.include({ code: 'disconnected', closeCode: 1001 });
    const tokens = Object.assign(new Error('x'), { name: 'TokenProviderError' });
    expect(mapSdkError(tokens, { consecutiveFailures: 3 })).to.include({ code: 'token_provider_failed', consecutiveFailures: 3 });
    const ice = Object.assign(new Error('x'), { name: 'IceRestartExhaustedError' });
    expect(mapSdkError(ice, { peerId: 'p1' })).to.include({ code: 'ice_restart_exhausted', peerId: 'p1' });
    const reconcile = Object.assign(new Error('x'), { name: 'ReconcileTimeoutError' });
    expect(mapSdkError(reconcile)).to.include({ code: 'reconcile_timeout', fatal: true });

    // A close echoed by the SDK's error event is reported from the socket instead (it has the real reason).
    expect(mapSdkError(Object.assign(new Error('x'), { name: 'close_4011' }))).to.equal(null);
    expect(mapSdkError(new Error('anything else'))).to.equal(null);
  });

  it('names every close code; an unknown or 1006 close is abnormal_close while reconnecting, connection_failed when fatal', () => {
    for (const [name, code] of Object.entries(CloseErrorCode)) {
      expect(mapClose(code, 'r', false)).to.deep.equal({ code: name, closeCode: code, closeReason: 'r', fatal: false });
    }
    expect(mapClose(1011, '', false)).to.include({ code: 'abnormal_close', closeCode: 1011 });
    // A fatal one must not say "reconnects by itself": the room is failed, with a Join again button.
    expect(mapClose(1011, '', true)).to.include({ code: 'connection_failed', closeCode: 1011, fatal: true });
    expect(mapClose(1006, '', true)).to.include({ code: 'connection_failed', closeCode: 1006, fatal: true });
  });

  it('maps getUserMedia failures by DOMException name', () => {
    const cases: [string, string][] = [
      ['NotAllowedError', 'media_permission_denied'],
      ['SecurityError', 'media_permission_denied'],
      ['NotFoundError', 'media_device_not_found'],
      ['OverconstrainedError', 'media_device_not_found'],
      ['NotReadableError', 'media_device_in_use'],
      ['AbortError', 'media_device_in_use'],
    ];
    for (const [name, code] of cases) expect(mapMediaError(new DOMException('x', name)).code, name).to.equal(code);
  });

  it('every code has fixed text, and the detail message is that text, never the error message', () => {
    for (const code of Object.keys(MeteredErrorCode) as (keyof typeof MeteredErrorCode)[]) {
      expect(ERROR_TEXT[code].message, code).to.be.a('string').and.not.equal('');
      expect(ERROR_TEXT[code].remedy, code).to.be.a('string').and.not.equal('');
    }
    const init = mapSdkError(Object.assign(new Error('<img src=x onerror=alert(1)>'), { name: 'internal_error' }))!;
    const detail = errorDetail(init);
    expect(detail.message).to.equal(ERROR_TEXT.internal_error.message);
    expect(detail).to.include({ serverMessage: '<img src=x onerror=alert(1)>' });
  });
});
