// Shared by the pages that measure <metered-room>s (rooms.js, room.js): how to find a room's remote <video>s.

/** The room's <video>s that show a remote participant, found through the public `participants` property. */
export function remoteVideoFinder(room) {
  // The bare page's lookup is a free array read; walking two rooms' shadow trees on every animation frame of the
  // join would bill the measurement to the rooms. So walk only when the set of remote streams changed (or a
  // stream's <video> was not found yet), and with no remote stream at all, not at all.
  let lastIds = '';
  let found = [];
  return () => {
    const remoteIds = new Set(
      room.participants.filter((p) => !p.isLocal).flatMap((p) => p.streams.map((s) => s.stream.id)),
    );
    const key = [...remoteIds].sort().join(' ');
    if (key === lastIds && found.length >= remoteIds.size) return found;
    lastIds = key;
    found = [];
    if (remoteIds.size === 0) return found;
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLVideoElement && remoteIds.has(element.srcObject?.id)) found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(room.shadowRoot ?? room);
    return found;
  };
}
