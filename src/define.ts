// Registers every element. Import this once (the script-tag bundle does); `src/index.ts` defines nothing.
// The room first: elements inside it that upgrade afterwards find it at once, with no missing_room false alarm.
//
// The import order only lays out the script-tag bundle (rollup places modules in import order; nothing here runs
// before the define() calls below): the SDK first, then our own code in one stretch, video next to chat, so that
// gzip (a 32 KB window) finds the styles and templates of the three elements near each other. ~450 B gzip smaller
// than chat, room (pulling in the SDK), video.
import '@metered-ca/realtime';
import { MeteredVideo } from './video/metered-video.js';
import { MeteredChat } from './chat/metered-chat.js';
import { MeteredRoom } from './room/metered-room.js';
// Declarations only (both modules are empty or already loaded at run time): `import 'metered-elements/define'`
// alone must give TypeScript the `metered-*` event maps, and the fix for the SDK's declarations.
import './events.js';
import './sdk-type-fixes.js';

export { MeteredChat, MeteredRoom, MeteredVideo };

/** Defines `tag` unless something already did (the bundle and a bundler build may both load). */
function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

define('metered-room', MeteredRoom);
define('metered-video', MeteredVideo);
define('metered-chat', MeteredChat);
