/**
 * `<video ${mediaStream(stream, onBlocked)}>` — binds a MediaStream to a media element and starts playback.
 *
 * The binding compares by object identity, not by `stream.id`: after a reconnect the SDK hands over a NEW
 * MediaStream with the SAME id, and a video still showing the old one freezes on its last frame. Playback is
 * started with `play()` rather than the `autoplay` attribute so that a refusal by the browser's autoplay policy
 * (`NotAllowedError`) reaches us and the host can offer a click to start. When the element leaves the page the
 * stream is unbound, so a removed tile holds no reference to a peer's media.
 */
import { noChange, nothing } from 'lit';
import { AsyncDirective, directive, PartType, type ElementPart, type PartInfo } from 'lit/async-directive.js';

/** Told about a video whose `play()` the browser refused without a user gesture. */
export type PlaybackBlockedCallback = (video: HTMLMediaElement, error: DOMException) => void;

/**
 * Plays `media`, reporting an autoplay refusal. An `AbortError` only means a newer `srcObject` or a removal
 * interrupted this attempt; the newer binding plays by itself.
 */
export function startPlayback(media: HTMLMediaElement, onBlocked: PlaybackBlockedCallback): Promise<boolean> {
  return media.play().then(
    () => true,
    (error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked(media, error);
      return false;
    },
  );
}

class MediaStreamDirective extends AsyncDirective {
  #media: HTMLMediaElement | null = null;
  #stream: MediaStream | null = null;
  #onBlocked: PlaybackBlockedCallback = () => {};

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('mediaStream() belongs on a <video> or <audio> element');
  }

  render(_stream: MediaStream | null, _onBlocked: PlaybackBlockedCallback): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [stream, onBlocked]: Parameters<this['render']>): typeof noChange {
    this.#media = part.element as HTMLMediaElement;
    this.#stream = stream;
    this.#onBlocked = onBlocked;
    if (this.isConnected) this.#bind();
    return noChange;
  }

  protected override disconnected(): void {
    if (this.#media) this.#media.srcObject = null;
  }

  protected override reconnected(): void {
    this.#bind();
  }

  #bind(): void {
    const media = this.#media;
    if (!media || media.srcObject === this.#stream) return;
    media.srcObject = this.#stream;
    if (this.#stream) void startPlayback(media, this.#onBlocked);
  }
}

export const mediaStream = directive(MediaStreamDirective);
