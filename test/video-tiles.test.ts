import { expect, fixture, html } from '@open-wc/testing';
import type { PeerConnectionState } from '@metered-ca/realtime';
import { render } from 'lit';
import type { NetworkQualityLevel, Participant, ParticipantStream } from '../src/room-context.js';
import { featuredTile, renderTile, tilesFor } from '../src/video/video-tile.js';

/** A real video stream from a canvas (no camera needed for layout decisions). */
function canvasStream(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
  return canvas.captureStream(1);
}

function participant(
  peerId: string,
  options: {
    isLocal?: boolean;
    state?: PeerConnectionState;
    streams?: ParticipantStream[];
    name?: string;
    quality?: NetworkQualityLevel;
    media?: Pick<Participant, 'audioMuted' | 'videoMuted' | 'speaking'>;
  } = {},
): Participant {
  return {
    ...options.media,
    ...(options.quality === undefined ? {} : { quality: options.quality }),
    peerId,
    displayName: options.name ?? peerId.toUpperCase(),
    nameVerified: false,
    isLocal: options.isLocal ?? false,
    connectionState: options.state ?? 'connected',
    streams: options.streams ?? [],
    joinedAt: 0,
  };
}

async function renderOne(p: Participant): Promise<HTMLElement> {
  const container = await fixture<HTMLElement>(html`<div></div>`);
  render(html`${tilesFor([p]).map((tile) => renderTile(tile, { featured: false }))}`, container);
  return container.querySelector('figure')!;
}

describe('video tiles', () => {
  it('one tile per participant (a placeholder while no stream), plus one per screen share, in order', () => {
    const camera = canvasStream();
    const screen = canvasStream();
    const tiles = tilesFor([
      participant('me', { isLocal: true, streams: [{ stream: camera, role: 'camera' }] }),
      participant('p1', {
        streams: [
          { stream: canvasStream(), role: 'camera' },
          { stream: screen, role: 'screen' },
        ],
      }),
      participant('p2', { state: 'connecting' }),
    ]);
    expect(tiles.map((t) => [t.key, t.role, t.label])).to.deep.equal([
      ['me/camera/0', 'camera', 'ME (you)'],
      ['p1/camera/0', 'camera', 'P1'],
      ['p1/screen/0', 'screen', 'P1 (screen)'],
      ['p2/camera/0', 'camera', 'P2'],
    ]);
    expect(tiles[2].stream === screen && tiles[3].stream === null).to.equal(true);
  });

  it('speaker layout features a remote screen share, else our screen share, else the first remote, else us', () => {
    const screen = { stream: canvasStream(), role: 'screen' as const };
    const me = (streams: ParticipantStream[] = []) => participant('me', { isLocal: true, streams });
    expect(
      featuredTile(tilesFor([me([screen]), participant('p1'), participant('p2', { streams: [screen] })]))?.key,
    ).to.equal('p2/screen/0');
    expect(featuredTile(tilesFor([me([screen]), participant('p1')]))?.key).to.equal('me/screen/0');
    expect(featuredTile(tilesFor([me(), participant('p1'), participant('p2')]))?.key).to.equal('p1/camera/0');
    expect(featuredTile(tilesFor([me()]))?.key).to.equal('me/camera/0');
    expect(featuredTile([])).to.equal(undefined);
  });

  const badges: [PeerConnectionState, string | null][] = [
    ['idle', 'Connecting…'],
    ['connecting', 'Connecting…'],
    ['reconnecting', 'Reconnecting…'],
    ['connected', null],
  ];
  for (const [state, text] of badges) {
    it(`a remote peer in state "${state}" shows ${text ? `"${text}"` : 'no badge'}`, async () => {
      const tile = await renderOne(participant('p1', { state, streams: [{ stream: canvasStream(), role: 'camera' }] }));
      expect(tile.querySelector('[part="badge"]')?.textContent ?? null).to.equal(text);
      expect(tile.dataset.state).to.equal(state);
    });
  }

  it('our own tile never shows a connection badge', async () => {
    const tile = await renderOne(participant('me', { isLocal: true, state: 'connecting' }));
    expect(tile.querySelector('[part="badge"]')).to.equal(null);
  });

  it('a participant without video shows the initial of the name; a name is text, never markup', async () => {
    const name = '<img src=x onerror="window.__tilePwned = 1">';
    const tile = await renderOne(participant('p1', { name }));
    expect(tile.querySelector('[part="placeholder"]')!.textContent).to.equal('<');
    expect(tile.querySelector('[part="label"]')!.textContent).to.equal(name);
    expect(tile.querySelectorAll('img')).to.have.length(0);
    expect((window as unknown as { __tilePwned?: number }).__tilePwned).to.equal(undefined);

    const withVideo = await renderOne(participant('p2', { streams: [{ stream: canvasStream(), role: 'camera' }] }));
    expect(withVideo.querySelector('[part="placeholder"]')).to.equal(null);
  });

  it('our camera switched off (track disabled) or stopped shows the placeholder instead of a black video', async () => {
    const stream = canvasStream();
    stream.getVideoTracks()[0].enabled = false;
    const off = await renderOne(participant('me', { isLocal: true, streams: [{ stream, role: 'camera' }] }));
    expect(off.querySelector('[part="placeholder"]')).to.not.equal(null);

    const stopped = canvasStream();
    stopped.getVideoTracks()[0].stop();
    const ended = await renderOne(participant('me', { isLocal: true, streams: [{ stream: stopped, role: 'camera' }] }));
    expect(ended.querySelector('[part="placeholder"]')).to.not.equal(null);
  });

  const qualityNames: [NetworkQualityLevel, string][] = [
    [3, 'Connection: good'],
    [2, 'Connection: fair'],
    [1, 'Connection: poor'],
    [0, 'Connection: bad'],
  ];
  for (const [level, name] of qualityNames) {
    it(`a remote camera tile at quality ${level} shows ${level} filled bars named "${name}", not a live region`, async () => {
      const tile = await renderOne(
        participant('p1', { quality: level, streams: [{ stream: canvasStream(), role: 'camera' }] }),
      );
      const indicator = tile.querySelector<HTMLElement>('[part="quality"]')!;
      expect(indicator.getAttribute('role')).to.equal('img');
      expect(indicator.getAttribute('aria-label')).to.equal(name);
      expect(indicator.closest('[aria-live]')).to.equal(null);
      expect(indicator.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      expect(indicator.querySelectorAll('.bar-on')).to.have.length(level);
      expect(indicator.querySelectorAll('.bar')).to.have.length(3);
      await expect(indicator).to.be.accessible();
    });
  }

  it('no quality indicator before a level is measured, on our own tile, or on a screen-share tile', async () => {
    expect((await renderOne(participant('p1'))).querySelector('[part="quality"]')).to.equal(null);
    expect(
      (await renderOne(participant('me', { isLocal: true, quality: 3 }))).querySelector('[part="quality"]'),
    ).to.equal(null);
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const sharing = participant('p2', {
      quality: 2,
      streams: [
        { stream: canvasStream(), role: 'camera' },
        { stream: canvasStream(), role: 'screen' },
      ],
    });
    render(html`${tilesFor([sharing]).map((tile) => renderTile(tile, { featured: false }))}`, container);
    expect(container.querySelectorAll('[data-role="camera"] [part="quality"]')).to.have.length(1);
    expect(container.querySelectorAll('[data-role="screen"] [part="quality"]')).to.have.length(0);
  });

  it('a muted microphone shows a named icon on the camera tile\'s label, not on a screen share', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const muted = participant('p1', {
      media: { audioMuted: true },
      streams: [
        { stream: canvasStream(), role: 'camera' },
        { stream: canvasStream(), role: 'screen' },
      ],
    });
    render(html`${tilesFor([muted]).map((tile) => renderTile(tile, { featured: false }))}`, container);
    const icon = container.querySelector<HTMLElement>('[data-role="camera"] [part="label"] [part="muted"]')!;
    expect(icon.getAttribute('role')).to.equal('img');
    expect(icon.getAttribute('aria-label')).to.equal('Microphone off');
    expect(icon.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(container.querySelector('[data-role="screen"] [part="muted"]')).to.equal(null);
    await expect(container).to.be.accessible();
  });

  it('a remote camera that is off shows the avatar over its (black) video', async () => {
    const off = await renderOne(
      participant('p1', { name: 'Zoë', media: { videoMuted: true }, streams: [{ stream: canvasStream(), role: 'camera' }] }),
    );
    const avatar = off.querySelector<HTMLElement>('[part="avatar"]')!;
    expect(avatar.textContent).to.equal('Z');
    expect(off.querySelector('video'), 'the video stays: it plays the sound').to.not.equal(null);
  });

  it('a speaking participant\'s tile has the ring (part tile-speaking)', async () => {
    const speaking = await renderOne(participant('p1', { media: { speaking: true } }));
    expect(speaking.part.contains('tile-speaking')).to.equal(true);
    const quiet = await renderOne(participant('p2'));
    expect(quiet.part.contains('tile-speaking')).to.equal(false);
  });

  it('the others\' videos allow the browser\'s own picture-in-picture; our own self-view does not', async () => {
    const remote = await renderOne(participant('p1', { streams: [{ stream: canvasStream(), role: 'camera' }] }));
    expect(remote.querySelector('video')!.disablePictureInPicture).to.equal(false);
    const self = await renderOne(participant('me', { isLocal: true, streams: [{ stream: canvasStream(), role: 'camera' }] }));
    expect(self.querySelector('video')!.disablePictureInPicture).to.equal(true);
  });
});
