import { expect } from '@open-wc/testing';
import { MeteredPeerOversizedError, MeteredPeerSendError } from '@metered-ca/realtime';
import { classifySendError } from '../src/chat/send-error.js';

/** The SDK names server rejections and lost requests by `name` on a plain Error (see its sendWithAck/handleClose). */
function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('chat send failures', () => {
  it('oversized (the SDK error class) goes back to the draft, with size and cap', () => {
    const failure = classifySendError(new MeteredPeerOversizedError(70000, 65536));
    expect(failure.kind).to.equal('oversized');
    expect(failure.error).to.include({ code: 'oversized', size: 70000, cap: 65536, fatal: false });
  });

  it('not joined goes back to the draft', () => {
    const failure = classifySendError(new MeteredPeerSendError('not_joined', 'MeteredPeer.send: not joined'));
    expect(failure).to.deep.include({ kind: 'not-joined' });
    expect(failure.error).to.include({ code: 'not_joined', fatal: false });
  });

  it('server refusals are retryable and never fatal for chat, with the server text kept apart', () => {
    for (const code of ['over_message_quota', 'action_not_permitted']) {
      const failure = classifySendError(named(code, 'server says <b>no</b>'));
      expect(failure.kind).to.equal('retryable');
      expect(failure.error).to.include({ code, fatal: false, serverMessage: 'server says <b>no</b>' });
    }
  });

  it('a request lost to a close is `disconnected`, classified by name: the message text is never parsed', () => {
    // SDK 1.2.0 writes the close code only into the message; two messages claiming different codes (or none)
    // must give the same detail, since message text is not a contract (and can carry server text).
    for (const message of ["connection closed before ack: code=1001 reason='bye'", 'code=4001', 'anything']) {
      const lost = classifySendError(named('DisconnectedError', message));
      expect(lost.kind).to.equal('retryable');
      expect(lost.error).to.include({ code: 'disconnected', closeCode: 1006, fatal: false });
    }
    for (const err of [
      named('NotConnectedError', 'SignallingClient: not connected'),
      new Error('ack timeout for requestId=r1 code=1001'),
    ]) {
      expect(classifySendError(err).error).to.include({ code: 'disconnected', closeCode: 1006, fatal: false });
    }
  });
});
