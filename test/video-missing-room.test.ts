import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import type { MeteredErrorEvent } from '../src/events.js';
import type { MeteredVideo } from '../src/video/metered-video.js';

for (const tag of ['metered-video', 'metered-chat']) {
  describe(`<${tag}> without a room`, () => {
    it('dispatches missing_room once and shows an explanatory placeholder', async () => {
      const events: MeteredErrorEvent[] = [];
      const record = (event: MeteredErrorEvent) => events.push(event);
      document.addEventListener('metered-error', record);
      try {
        const first = oneEvent(document, 'metered-error');
        const el = await fixture(
          tag === 'metered-video' ? html`<metered-video></metered-video>` : html`<metered-chat></metered-chat>`,
        );
        const event = (await first) as MeteredErrorEvent;
        expect(event.target).to.equal(el);
        expect(event.detail.code).to.equal('missing_room');
        expect(event.detail.fatal).to.equal(true);
        await waitUntil(() => el.shadowRoot?.querySelector('[part="missing-room"]'), 'placeholder never rendered');
        expect(el.shadowRoot!.querySelector('[part="missing-room"]')!.textContent).to.contain('<metered-room>');
        // Re-rendering must not report it again.
        (el as MeteredVideo).requestUpdate();
        await (el as MeteredVideo).updateComplete;
        expect(events.filter((e) => e.detail.code === 'missing_room')).to.have.length(1);
        await expect(el).to.be.accessible();
      } finally {
        document.removeEventListener('metered-error', record);
      }
    });
  });
}
