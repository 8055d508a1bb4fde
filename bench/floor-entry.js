// The "floor" for the bundle-size benchmark: what any element built on lit + @lit/context + the SDK costs before
// it does anything. One empty LitElement that keeps every export of the three packages reachable (so rollup can
// tree-shake none of them); the real bundle minus this is what our three elements add.
import * as lit from 'lit';
import * as context from '@lit/context';
import * as sdk from '@metered-ca/realtime';

class FloorElement extends lit.LitElement {
  render() {
    return lit.html``;
  }
}
if (!customElements.get('floor-element')) customElements.define('floor-element', FloorElement);
globalThis.floorExports = { lit, context, sdk };
