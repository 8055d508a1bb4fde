// Shared by both benchmark pages so they measure identically: poll once per animation frame for the <video>s
// showing remote media, and resolve with the timestamp of the first frame any of them presents
// (requestVideoFrameCallback's `now`, on the same clock as performance.now()).
export function firstRemoteFrame(findVideos) {
  return new Promise((resolve) => {
    const watched = new WeakSet();
    const look = () => {
      for (const video of findVideos()) {
        if (watched.has(video)) continue;
        watched.add(video);
        video.requestVideoFrameCallback((now) => resolve(now));
      }
      requestAnimationFrame(look);
    };
    look();
  });
}

/** Reports the outcome where bench/join-latency.mjs polls for it. */
export function report(promise) {
  promise.then(
    (ms) => (window.benchResult = { ms }),
    (error) => (window.benchResult = { error: String(error?.message ?? error) }),
  );
}

export const channel = new URLSearchParams(location.search).get('channel') ?? 'bench';
export const serverUrl = `ws://${location.host}`;
/** The local server's development publishable key. */
export const apiKey = 'pk_dev_local';

/**
 * Resolves at once, or — with `?wait` in the URL (bench/join-cpu.mjs) — when the harness calls `window.benchGo()`,
 * so it can start a trace between the page's loading and the join.
 */
export function startSignal() {
  if (!new URLSearchParams(location.search).has('wait')) return Promise.resolve();
  return new Promise((resolve) => (window.benchGo = resolve));
}
