/**
 * `metered-elements/react` — React 19 JSX types for `<metered-room>`, `<metered-video>` and `<metered-chat>`.
 * Load it once for the whole project, e.g. in `src/metered-elements.d.ts`:
 *
 *     /// <reference types="metered-elements/react" />
 *
 * Every attribute and property is typed from the element classes, and every `metered-*` event has its
 * `onmetered-*` handler (the name React 19 listens for) with its `CustomEvent<Detail>`, so a misspelt attribute,
 * a wrong value type or `onMeteredJoined` (which React would never call) is a compile error. React's own props
 * (`className`, `style`, `ref`, `aria-*`, `onClick`, …) are kept. Hand-written; the element props come from
 * `custom-elements-jsx.d.ts`, generated from custom-elements.json (scripts/integrations.mjs).
 */
import type { HTMLAttributes, RefAttributes } from 'react';
import type { CustomElements } from './custom-elements-jsx.js';

type MeteredTag = keyof CustomElements & keyof HTMLElementTagNameMap;

/** An element's own props, plus React's props for any element minus the names the element defines itself. */
export type MeteredReactProps<Tag extends MeteredTag> = CustomElements[Tag] &
  Omit<HTMLAttributes<HTMLElementTagNameMap[Tag]>, keyof CustomElements[Tag]> &
  RefAttributes<HTMLElementTagNameMap[Tag]>;

export type MeteredIntrinsicElements = { [Tag in MeteredTag]: MeteredReactProps<Tag> };

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends MeteredIntrinsicElements {}
  }
}
