// The demo page's only script. It uses the elements exactly as a page author would: it creates a <metered-room>
// with attributes, and listens for the documented metered-* events. Nothing here reaches into the elements.

/**
 * Every event the elements document (see the README); all bubble and cross shadow roots. The manifest check
 * (scripts/check-manifest.mjs) fails when one is missing here.
 */
const EVENTS = [
  'metered-joined',
  'metered-left',
  'metered-state-change',
  'metered-peer-joined',
  'metered-peer-updated',
  'metered-peer-left',
  'metered-active-speaker',
  'metered-network-quality',
  'metered-message',
  'metered-error',
];
/** The local server's development publishable key: every channel, every action (never use it in production). */
const DEV_KEY = 'pk_dev_local';
const LOG_LIMIT = 200;

const stage = document.getElementById('stage');
const form = document.getElementById('join-form');
const roomInput = document.getElementById('room-input');
const nameInput = document.getElementById('name-input');
const leaveButton = document.getElementById('leave-button');
const log = document.getElementById('event-log');

// Room from the URL hash, so "open this link in another tab" lands in the same room; name from ?name= (tests use
// it) or a random guest name.
const params = new URLSearchParams(location.search);
roomInput.value = decodeURIComponent(location.hash.slice(1)) || 'demo';
nameInput.value = params.get('name') || `Guest ${Math.floor(1000 + Math.random() * 9000)}`;

/** Replaces the room with a fresh one (a new element is the simplest way to change name and room together). */
function join() {
  const room = roomInput.value.trim();
  const name = nameInput.value.trim();
  if (!room || !name) return;
  history.replaceState(null, '', `${location.search}#${encodeURIComponent(room)}`);
  stage.replaceChildren();
  const element = document.createElement('metered-room');
  element.setAttribute('channel', room);
  element.setAttribute('display-name', name);
  element.setAttribute('api-key', DEV_KEY);
  // ?media=audio (or video, none): what to capture; the screenshot script's lighter participants use it.
  if (params.get('media')) element.setAttribute('media', params.get('media'));
  // Same origin as this page; the SDK accepts ws:// only for localhost, wss:// anywhere.
  element.setAttribute('server-url', `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`);
  stage.append(element);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  join();
});
leaveButton.addEventListener('click', () => stage.querySelector('metered-room')?.leave());
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());

/** JSON for the log: SDK errors and DOM objects (MediaStream, elements) don't stringify usefully on their own. */
function describe(detail) {
  return JSON.stringify(
    detail,
    (key, value) => {
      if (value instanceof Error) return { name: value.name, message: value.message };
      if (typeof MediaStream !== 'undefined' && value instanceof MediaStream) return `MediaStream ${value.id}`;
      if (value instanceof Node) return `<${value.nodeName.toLowerCase()}>`;
      return value;
    },
    2,
  );
}

for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.className = name === 'metered-error' ? 'event-error' : '';
    item.dataset.event = name;
    const head = document.createElement('div');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    const label = document.createElement('span');
    label.className = 'event-name';
    label.textContent = ` ${name}`;
    head.append(time, label);
    const body = document.createElement('pre');
    // textContent, never innerHTML: details carry remote text (names, chat messages, server reasons).
    body.textContent = describe(event.detail);
    item.append(head, body);
    log.prepend(item);
    while (log.childElementCount > LOG_LIMIT) log.lastElementChild.remove();
  });
}

await customElements.whenDefined('metered-room');
join();
