import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { diagnose } from '../src/room/diagnose.js';
import { renderDiagnosis } from '../src/room/diagnosis-view.js';
import { addRoom, roomSuite, uniqueChannel } from './helpers/room.js';

/**
 * diagnose(room) in a real page (this Chromium has a fake camera and microphone) against the real test server.
 * No probe contacts a host outside this machine: the rooms have no STUN or TURN server.
 */
describe('diagnose(room)', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it('reports the page, permissions, devices, a reachable server with its latency, and host candidates — without joining', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('diag'), autoJoin: false });
    rooms.push(room);
    const report = await diagnose(room);
    expect(report.secureContext).to.equal(true);
    expect(report.unsupportedBrowser).to.equal(false);
    expect(report.permissionsPolicy).to.deep.equal({
      camera: true,
      microphone: true,
      'display-capture': true,
      fullscreen: true,
    });
    expect(['granted', 'prompt', 'denied', 'unknown']).to.include(report.permissions.camera);
    expect(report.devices.videoinput).to.be.at.least(1);
    expect(report.devices.audioinput).to.be.at.least(1);
    expect(report.server).to.include({ url: suite.server.url, reachable: true });
    expect(report.server.latencyMs).to.be.a('number');
    expect(report.ice).to.include({ stunConfigured: false, turnConfigured: false, relay: 0 });
    expect(report.ice.host).to.be.at.least(1);
    expect(JSON.stringify(report)).to.not.match(/Fake|default/i); // no device labels
    expect(room.state).to.equal('idle');

    const checklist = await fixture<HTMLElement>(html`<div>${renderDiagnosis(report)}</div>`);
    expect(checklist.querySelectorAll('li.failed')).to.have.length(0);
    expect(checklist.textContent).to.contain(`The server answers (${report.server.latencyMs} ms)`);
    await expect(checklist).to.be.accessible();
  });

  it('a server that does not answer is a failed line with its remedy; configured STUN/TURN get their own lines', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('diag'), autoJoin: false });
    rooms.push(room);
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    room.serverUrl = 'ws://127.0.0.1:9';
    room.iceServers = [{ urls: 'stun:127.0.0.1:9' }, { urls: 'turn:127.0.0.1:9', username: 'u', credential: 'c' }];
    const report = await diagnose(room);
    expect(report.server).to.include({ url: 'http://127.0.0.1:9', reachable: false, latencyMs: null });
    expect(report.ice).to.include({ stunConfigured: true, turnConfigured: true, srflx: 0, relay: 0 });
    const container = document.createElement('div');
    render(renderDiagnosis(report), container);
    const failed = [...container.querySelectorAll('li.failed')].map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(failed).to.have.length(3);
    expect(failed[0]).to.contain('The server answers').and.contain('Check your network connection');
    expect(failed[1]).to.contain('STUN');
    expect(failed[2]).to.contain('TURN');
  });
});
