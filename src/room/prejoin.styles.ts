import { css } from 'lit';

/** The pre-join screen: the preview beside the choices, or above them on a narrow screen. */
export const prejoinStyles = css`
  .prejoin {
    flex: 1 1 auto;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_gap) * 2);
    padding: var(--_gap);
    overflow-y: auto;
  }
  .preview {
    flex: 1 1 20rem;
    max-inline-size: 40rem;
    aspect-ratio: 16 / 9;
    display: grid;
    place-items: center;
    border-radius: var(--_radius);
    background: var(--_tile-bg);
    color: #f9fafb;
    overflow: hidden;
  }
  .preview-video {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    /* A mirror, as people expect of their own picture. */
    transform: scaleX(-1);
  }
  .prejoin-choices {
    flex: 0 1 18rem;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  .field {
    flex-direction: column;
    align-items: stretch;
  }
  .prejoin input:not([type]),
  .prejoin meter {
    inline-size: 100%;
  }
  .prejoin input:not([type]) {
    box-sizing: border-box;
    padding: 0.4em 0.6em;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
