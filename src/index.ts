// Public API without side effects (no custom element is defined by importing this file; see define.ts).
export * from './errors.js';
export * from './events.js';
export * from './room-context.js';
