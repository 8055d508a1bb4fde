/**
 * The participants panel (part `participants`): everyone in the call, you first, with a mark for names the server
 * verified and the microphone/camera state where it is known. Names are remote text: rendered as text only.
 */
import { html, nothing } from 'lit';
import { cameraOffIcon, micOffIcon, verifiedIcon } from '../icons.js';
import type { Participant } from '../room-context.js';
import type { LocalMedia } from './local-media.js';

/** Shown for a participant whose name has not arrived (the same word the chat uses). */
const NO_NAME = 'Guest';

/** A small state icon with its meaning for screen readers. */
function mark(icon: unknown, label: string) {
  return html`<span class="mark" role="img" aria-label=${label} title=${label}>${icon}</span>`;
}

export function renderParticipants(participants: readonly Participant[], local: LocalMedia) {
  return html`<ul class="people" part="participants" aria-label="Participants">
    ${participants.map((person) => {
      // Our own state is known here; the others' arrives with their announcements (absent until then).
      const micOff = person.isLocal ? !local.track('audio')?.enabled : person.audioMuted;
      const cameraOff = person.isLocal ? !local.track('video')?.enabled : person.videoMuted;
      return html`<li class="person" part="participant">
        <span class="person-name">${person.displayName || NO_NAME}</span>
        ${person.isLocal ? html`<span class="you">(you)</span>` : nothing}
        ${!person.isLocal && person.nameVerified ? mark(verifiedIcon, 'Verified name') : nothing}
        ${micOff ? mark(micOffIcon, 'Microphone off') : nothing}
        ${cameraOff ? mark(cameraOffIcon, 'Camera off') : nothing}
      </li>`;
    })}
  </ul>`;
}
