// Test harness of the CMS pages (not part of any recipe): points the room at this page's own server and the room
// name in `?channel=`, and records every metered-* event in `window.meteredEvents` for cms-embeds.mjs to read.
window.meteredEvents = [];
for (const name of ['metered-joined', 'metered-left', 'metered-state-change', 'metered-error']) {
  document.addEventListener(name, (event) => {
    const { code, fatal, to, allow } = event.detail ?? {};
    window.meteredEvents.push({ name, code, fatal, to, allow });
  });
}
const room = document.querySelector('metered-room');
room.setAttribute('server-url', `ws://${location.host}`);
room.setAttribute('channel', new URLSearchParams(location.search).get('channel') ?? 'cms');
// A room of the default layout opens on its pre-join screen: click Join as the visitor would, once it is there.
const clickJoin = setInterval(() => {
  const button = room.shadowRoot?.querySelector('[part="prejoin"] button');
  if (button) button.click();
  if (button || room.state !== 'idle') clearInterval(clickJoin);
}, 100);
