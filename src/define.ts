// Registers every element. Import this once (the script-tag bundle does); `src/index.ts` defines nothing.
// The room first: elements inside it that upgrade afterwards find it at once, with no missing_room false alarm.
import { MeteredChat } from './chat/metered-chat.js';
import { MeteredRoom } from './room/metered-room.js';
import { MeteredVideo } from './video/metered-video.js';

export { MeteredChat, MeteredRoom, MeteredVideo };

/** Defines `tag` unless something already did (the bundle and a bundler build may both load). */
function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('metered-room', MeteredRoom);
define('metered-video', MeteredVideo);
define('metered-chat', MeteredChat);
