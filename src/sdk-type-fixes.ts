/**
 * The one workaround for the SDK's published declarations (@metered-ca/realtime 1.2.0, dist/index.d.ts): its
 * `RemotePeer` class declares `constructor(init: RemotePeerInit)` but never declares `RemotePeerInit`, so any
 * project that type-checks libraries (`"skipLibCheck": false`) fails with TS2552 as soon as it sees the SDK's
 * types — and ours must show them (`room.peer` is a `MeteredPeer`, `tokenProvider` a `TokenProvider`).
 *
 * The SDK's index.d.ts is a module, so a name it does not declare is looked up in the global scope: declaring it
 * here, and loading this file from every entry's declarations (index.ts, define.ts), makes the SDK's file
 * type-check. Opaque on purpose: that constructor is the SDK's internal API. If a later SDK declares the type
 * itself, its own declaration wins and this one is unused; then delete this file.
 * Proof: test/toolchain/ compiles the README's recipes against the packed package with `"skipLibCheck": false`.
 */
declare global {
  /** Opaque stand-in for the SDK-internal `RemotePeerInit` (see src/sdk-type-fixes.ts). */
  interface RemotePeerInit {
    readonly '@metered-ca/realtime internal'?: never;
  }
}

export {};
