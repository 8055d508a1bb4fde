// Public API without side effects (no custom element is defined by importing this file; see define.ts).
import './sdk-type-fixes.js'; // declarations only: lets the SDK's own .d.ts type-check (see that file)
export * from './errors.js';
export * from './events.js';
export * from './room-context.js';
export { MeteredRoom } from './room/metered-room.js';
export { MeteredVideo, type VideoLayout } from './video/metered-video.js';
export { MeteredChat } from './chat/metered-chat.js';
// The chat wire format, for apps and bots that send or read chat on a room's channel (e.g. REST publish).
export { CHAT_MESSAGE_TYPE, createChatPayload, parseChatPayload, type ChatPayload } from './chat/chat-message.js';
export { RoomStoreController, renderMissingRoom, type RoomStoreControllerOptions } from './controllers/room-store-controller.js';
export { mapSdkError, mapMediaError, mapClose, type MappingContext } from './error-mapping.js';
// diagnose(room), its report and the checklist that shows it (the pre-join screen's "Test my setup").
export { diagnose, type DiagnosedRoom, type DiagnosisReport, type PermissionStateOrUnknown } from './room/diagnose.js';
export { renderDiagnosis } from './room/diagnosis-view.js';
export type { PolicyFeature } from './room/environment-checks.js';
