/**
 * `renderDiagnosis(report)`: the report of `diagnose(room)` as a checklist a visitor can act on — one line per
 * check, passed or failed, and under each failed line what to do (the same remedies the room's errors give). A
 * Lit template function, for the pre-join screen's "Test my setup" and for any page that wants to show it:
 * `render(renderDiagnosis(await diagnose(room)), container)`. Classes (`diagnosis`, `check`, `ok`, `failed`,
 * `remedy`) are for the host's styles; icons are text (✓/✗) with the state also in words for screen readers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ERROR_TEXT } from '../error-text.js';
import type { DiagnosisReport } from './diagnose.js';

interface CheckLine {
  readonly ok: boolean;
  readonly label: string;
  /** What to do when it failed. */
  readonly remedy: string;
}

/** The lines of the checklist, in the order a visitor fixes things. Checks that do not apply are left out. */
export function diagnosisLines(report: DiagnosisReport): CheckLine[] {
  const { permissionsPolicy: policy, permissions, devices, server, ice } = report;
  const lines: CheckLine[] = [
    { ok: report.secureContext, label: 'Secure page (https)', remedy: ERROR_TEXT.insecure_context.remedy },
    { ok: !report.unsupportedBrowser, label: 'A browser that can use camera and microphone', remedy: ERROR_TEXT.browser_unsupported.remedy },
    {
      ok: policy.camera !== false && policy.microphone !== false && policy['display-capture'] !== false,
      label: 'The page’s frame allows camera, microphone and screen sharing',
      remedy: ERROR_TEXT.iframe_permission_missing.remedy,
    },
    {
      ok: permissions.camera !== 'denied' && permissions.microphone !== 'denied',
      label: 'Camera and microphone are not blocked for this site',
      remedy: ERROR_TEXT.media_permission_denied.remedy,
    },
    { ok: devices.videoinput > 0, label: 'A camera is connected', remedy: ERROR_TEXT.media_device_not_found.remedy },
    { ok: devices.audioinput > 0, label: 'A microphone is connected', remedy: ERROR_TEXT.media_device_not_found.remedy },
    {
      ok: server.reachable,
      label: server.reachable ? `The server answers (${server.latencyMs} ms)` : 'The server answers',
      remedy: ERROR_TEXT.connection_failed.remedy,
    },
  ];
  if (ice.stunConfigured) {
    lines.push({ ok: ice.srflx > 0, label: 'A STUN server sees this network', remedy: ERROR_TEXT.no_media_path.remedy });
  }
  if (ice.turnConfigured) {
    lines.push({ ok: ice.relay > 0, label: 'The TURN server relays for this network', remedy: 'Check the TURN server’s address and credentials, and that this network allows it (UDP 3478 or TLS 443).' });
  }
  return lines;
}

export function renderDiagnosis(report: DiagnosisReport): TemplateResult {
  return html`<ul class="diagnosis" part="diagnosis">
    ${diagnosisLines(report).map(
      (line) => html`<li class=${line.ok ? 'check ok' : 'check failed'}>
        <span aria-hidden="true">${line.ok ? '✓' : '✗'}</span>
        <span class="label">${line.label}</span>
        <span class="state">${line.ok ? 'OK' : 'Problem'}</span>
        ${line.ok ? nothing : html`<p class="remedy">${line.remedy}</p>`}
      </li>`,
    )}
  </ul>`;
}
