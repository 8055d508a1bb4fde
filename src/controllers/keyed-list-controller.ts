/**
 * Renders a list with one DOM subtree per key that lives as long as the key does, as Lit's `repeat()` does: an
 * entry is rendered again in place, never re-created or moved because others were added or removed around it. So
 * a tile's `<video>` keeps playing when someone joins or leaves, a focused Retry button keeps focus, and a live
 * region announces only what was added. Each item renders with Lit's `render()` into its own wrapper
 * inside `container`, which the host's template places where the list goes. Wrappers and container are
 * `display: contents`: they add no box, the items are laid out as children of the element around them.
 *
 * Why not `repeat()`: with its helpers it is the largest piece of Lit the script-tag bundle would carry only for
 * this; our lists only grow and shrink, which needs far less code.
 *
 * ```ts
 * readonly #list = new KeyedListController(this, () => this.entries, (entry) => entry.key, renderEntry);
 * // template: <div role="log">${this.#list.container}</div>
 * ```
 */
import { render, type ReactiveController, type ReactiveElement, type RootPart, type TemplateResult } from 'lit';

interface KeyedSubtree {
  readonly wrapper: HTMLElement;
  part?: RootPart;
}

function contentsBox(): HTMLElement {
  const box = document.createElement('div');
  // Set through the CSSOM, which a strict style-src CSP allows (a style attribute in markup it would block).
  box.style.display = 'contents';
  return box;
}

export class KeyedListController<T> implements ReactiveController {
  /** Where the items go; place it in the host's template as a child node. */
  readonly container = contentsBox();

  #rendered = new Map<string, KeyedSubtree>();

  constructor(
    private readonly host: ReactiveElement,
    private readonly items: () => readonly T[],
    private readonly key: (item: T) => string,
    private readonly template: (item: T) => TemplateResult,
  ) {
    host.addController(this);
  }

  /** Runs before the host's own `updated()` and before controllers added later (a scroll follower sees the items). */
  hostUpdated(): void {
    const next = new Map<string, KeyedSubtree>();
    for (const item of this.items()) {
      const key = this.key(item);
      const subtree = this.#rendered.get(key) ?? { wrapper: contentsBox() };
      subtree.part = render(this.template(item), subtree.wrapper, { host: this.host });
      next.set(key, subtree);
    }
    // Gone keys first: their directives let go of what they hold (a removed tile unbinds its stream).
    for (const [key, { wrapper, part }] of this.#rendered) {
      if (!next.has(key)) {
        part?.setConnected(false);
        wrapper.remove();
      }
    }
    this.#rendered = next;
    // Then put the kept and new wrappers in order; a kept wrapper already in its place is not touched.
    let index = 0;
    for (const { wrapper } of next.values()) {
      const current = this.container.children[index++] ?? null;
      if (current !== wrapper) this.container.insertBefore(wrapper, current);
    }
  }

  hostConnected(): void {
    for (const { part } of this.#rendered.values()) part?.setConnected(true);
  }

  /** A host taken off the page lets go of what its items' directives hold, as Lit does for its own parts. */
  hostDisconnected(): void {
    for (const { part } of this.#rendered.values()) part?.setConnected(false);
  }
}
