/**
 * Where keyboard focus goes when a render removes, hides or disables the element that had it: the Join button gives
 * way to the call, the call to the error panel, a closed side panel takes its close button with it. Left alone, focus
 * falls back to the page's <body>, and a keyboard user must tab through the whole page to find the room again.
 */
export class FocusKeeper {
  #hadFocus = false;

  /** Before a render: notes whether focus is inside `root`. */
  before(root: ShadowRoot | null): void {
    this.#hadFocus = !!root?.activeElement;
  }

  /**
   * After a render: if focus was inside and is gone — or stays on an element the render hid or disabled, which the
   * browser blurs only at its next rendering step — it moves to the first of `targets` (selectors) that exists.
   */
  after(root: ShadowRoot | null, targets: readonly string[]): void {
    if (!this.#hadFocus || !root) return;
    const active = root.activeElement as HTMLButtonElement | null;
    if (active && !active.disabled && active.checkVisibility?.() !== false) return;
    for (const selector of targets) {
      const target = root.querySelector<HTMLElement>(selector);
      if (target) return target.focus();
    }
  }
}
