/**
 * The tile geometry <metered-video> produces with real rooms: the grid adapts to the number of tiles (1, 2, 4, 6 in a
 * 16:9 box) and fills the box with equal tiles and no blank band; a narrow box shows the other's video full size
 * and our own camera as a small overlay; a screen share takes the stage with the camera tiles in one filmstrip row.
 * The extra participants are rooms without media in a hidden container (tiles need people, not pictures).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import type { MeteredVideo } from '../src/video/metered-video.js';
import { addRoom, GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, type TestServer } from './helpers/server.js';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** `element`'s box relative to `origin`'s, rounded to whole pixels. */
function rectIn(element: Element, origin: Element): Rect {
  const outer = origin.getBoundingClientRect();
  const { left, top, width, height } = element.getBoundingClientRect();
  const r = { left: left - outer.left, top: top - outer.top, width, height };
  const round = (value: number) => Math.round(value);
  return {
    left: round(r.left),
    top: round(r.top),
    right: round(r.left + width),
    bottom: round(r.top + height),
    width: round(width),
    height: round(height),
  };
}

const tilesOf = (video: MeteredVideo) => [...video.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')];
const distinct = (values: number[]) => new Set(values).size;

/** Waits until `video` shows `count` tiles laid out for its current box (a frame after the last change). */
async function settled(video: MeteredVideo, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => tilesOf(video).length === count, `not ${count} tiles (${tilesOf(video).length})`, {
    timeout: GUARD_MS,
  });
  await video.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return tilesOf(video);
}

/** Equal tiles in `columns` × `rows`, filling the box: the last column and row end at its edges. */
function expectGrid(video: MeteredVideo, count: number, columns: number, rows: number): void {
  const box = rectIn(video, video);
  const rects = tilesOf(video).map((tile) => rectIn(tile, video));
  expect(rects, `${count} tiles`).to.have.length(count);
  expect(distinct(rects.map((r) => r.left)), `${count} tiles: columns`).to.equal(columns);
  expect(distinct(rects.map((r) => r.top)), `${count} tiles: rows`).to.equal(rows);
  expect(distinct(rects.map((r) => r.width)), `${count} tiles: equal widths`).to.equal(1);
  expect(distinct(rects.map((r) => r.height)), `${count} tiles: equal heights`).to.equal(1);
  expect(Math.min(...rects.map((r) => r.left))).to.equal(0);
  expect(Math.min(...rects.map((r) => r.top))).to.equal(0);
  expect(box.right - Math.max(...rects.map((r) => r.right)), `${count} tiles: blank band at the end`).to.be.at.most(1);
  expect(box.bottom - Math.max(...rects.map((r) => r.bottom)), `${count} tiles: blank band below`).to.be.at.most(1);
}

describe('<metered-video> tile geometry', () => {
  let server: TestServer;
  let channel: string;
  let observer: MeteredRoom;
  let video: MeteredVideo;
  let others: HTMLElement;

  before(async () => {
    server = await mainServer();
  });

  beforeEach(async () => {
    channel = uniqueChannel('tiles');
    const parent = await fixture<HTMLElement>(html`<div><div hidden></div></div>`);
    others = parent.querySelector('div')!;
    observer = addRoom(server, { channel, media: 'none', displayName: 'Olga', children: '<metered-video></metered-video>' }, parent);
    video = observer.querySelector('metered-video')!;
    video.style.width = '960px';
    video.style.height = '540px';
    await waitForState(observer, 'joined');
  });

  /** Adds participants until the observer sees `total` people. */
  async function grow(total: number): Promise<void> {
    for (let i = observer.participants.length; i < total; i += 1) {
      addRoom(server, { channel, media: 'none', displayName: `Guest ${i}` }, others);
    }
    await waitUntil(() => observer.participants.length === total, `never ${total} participants`, { timeout: GUARD_MS });
  }

  it('1, 2, 4 and 6 tiles in a 16:9 box: 1×1, 2×1, 2×2, 3×2, equal and filling the box', async () => {
    await settled(video, 1);
    expectGrid(video, 1, 1, 1);
    await grow(2);
    await settled(video, 2);
    expectGrid(video, 2, 2, 1);
    await grow(4);
    await settled(video, 4);
    expectGrid(video, 4, 2, 2);
    await grow(6);
    await settled(video, 6);
    expectGrid(video, 6, 3, 2);
  });

  it('in a narrow box (≤ 480 px) the other fills it and our own camera is a small overlay in a corner', async () => {
    await grow(2);
    video.style.width = '390px';
    video.style.height = '600px';
    const tiles = await settled(video, 2);
    await waitUntil(() => tiles.some((tile) => tile.classList.contains('self-overlay')), 'no overlay', { timeout: GUARD_MS });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const remote = rectIn(tiles.find((tile) => tile.dataset.local === 'false')!, video);
    const self = rectIn(tiles.find((tile) => tile.dataset.local === 'true')!, video);
    expect(remote).to.include({ left: 0, top: 0, width: 390, height: 600 });
    expect(self.width, 'the overlay is small').to.be.below(390 / 2);
    expect(self.right, 'in the corner at the end of the line').to.be.within(370, 390);
    expect(self.bottom).to.be.within(570, 600);
    expect(self.height, 'at most half the box').to.be.at.most(300);
  });

  it('a screen share takes the stage and the camera tiles go into one filmstrip row under it', async () => {
    await grow(3);
    await settled(video, 3);
    const canvas = document.createElement('canvas');
    canvas.getContext('2d')!.fillRect(0, 0, 16, 9);
    await observer.startScreenShare(canvas.captureStream(5));
    const tiles = await settled(video, 4);
    const stage = tiles.find((tile) => tile.dataset.role === 'screen')!;
    expect(stage.part.contains('tile-featured')).to.equal(true);
    const stageRect = rectIn(stage, video);
    expect(stageRect).to.include({ left: 0, top: 0, width: 960 });
    const strip = tiles.filter((tile) => tile !== stage).map((tile) => rectIn(tile, video));
    expect(distinct(strip.map((r) => r.top)), 'one filmstrip row').to.equal(1);
    expect(strip[0].top).to.be.greaterThan(stageRect.bottom);
    expect(540 - Math.max(...strip.map((r) => r.bottom)), 'blank band below the filmstrip').to.be.at.most(1);
    expect(stageRect.height, 'the stage keeps most of the box').to.be.at.least(540 * 0.7);
    // Each thumbnail a quarter of the width (three of them), close to 16:9.
    for (const r of strip) expect(r.width / r.height).to.be.closeTo(16 / 9, 0.15);
    await observer.stopScreenShare();
    await settled(video, 3);
    await waitUntil(() => !tilesOf(video).some((tile) => tile.part.contains('tile-featured')), 'still staged', {
      timeout: GUARD_MS,
    });
  });
});
