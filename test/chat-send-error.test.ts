import { expect } from '@open-wc/testing';
import { MeteredPeerOversizedError, MeteredPeerSendError } from '@metered-ca/realtime';
import { returnsToAuthor, sendFailure } from '../src/chat/send-error.js';

/** The SDK names server rejections and lost requests by `name` on a plain Error (see its sendWithAck/handleClose). */
function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('chat send failures', () => {
  it('oversized (the SDK error class) goes back to the draft, with size and cap', () => {
    const failure = sendFailure(new MeteredPeerOversizedError(70000, 65536));
    expect(returnsToAuthor(failure)).to.equal(true);
    expect(failure).to.include({ code: 'oversized', size: 70000, cap: 65536, fatal: false });
  });

  it('not joined goes back to the draft', () => {
    const failure = sendFailure(new MeteredPeerSendError('not_joined', 'MeteredPeer.send: not joined'));
    expect(returnsToAuthor(failure)).to.equal(true);
    expect(failure).to.include({ code: 'not_joined', fatal: false });
  });

  it('server refusals are retryable and never fatal for chat, with the server text kept apart', () => {
    for (const code of ['over_message_quota', 'action_not_permitted']) {
      const failure = sendFailure(named(code, 'server says <b>no</b>'));
      expect(returnsToAuthor(failure)).to.equal(false);
      expect(failure).to.include({ code, fatal: false, serverMessage: 'server says <b>no</b>' });
    }
  });

  it('a request lost to a close is `disconnected`, classified by name: the message text is never parsed', () => {
    // SDK 1.2.0 writes the close code only into the message; two messages claiming different codes (or none)
    // must give the same detail, since message text is not a contract (and can carry server text).
    for (const message of ["connection closed before ack: code=1001 reason='bye'", 'code=4001', 'anything']) {
      const lost = sendFailure(named('DisconnectedError', message));
      expect(returnsToAuthor(lost)).to.equal(false);
      expect(lost).to.include({ code: 'disconnected', closeCode: 1006, fatal: false });
    }
    for (const err of [
      named('NotConnectedError', 'SignallingClient: not connected'),
      new Error('ack timeout for requestId=r1 code=1001'),
    ]) {
      expect(sendFailure(err)).to.include({ code: 'disconnected', closeCode: 1006, fatal: false });
    }
  });
});
