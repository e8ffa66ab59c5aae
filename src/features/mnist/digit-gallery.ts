import { css, html, LitElement, nothing } from 'lit';

export interface DigitTile {
  pixels: Uint8Array;
  caption?: string;
}

/** MNIST digits (28×28 grey levels) as small tiles, ink dark on light like the paper they came from. */
export class DigitGallery extends LitElement {
  static override properties = { tiles: { attribute: false }, label: { type: String } };
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(4.5rem, 1fr));
      gap: 0.4rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    figure {
      margin: 0;
      text-align: center;
    }
    canvas {
      width: 100%;
      max-width: 4.5rem;
      image-rendering: pixelated;
      border-radius: 0.25rem;
      background: #fff;
    }
    figcaption {
      font-size: 0.75rem;
      color: var(--text-muted);
      line-height: 1.2;
    }
  `;

  declare tiles: DigitTile[];
  declare label: string;

  constructor() {
    super();
    this.tiles = [];
    this.label = '';
  }

  protected override updated() {
    this.renderRoot.querySelectorAll('canvas').forEach((canvas, i) => {
      const tile = this.tiles[i];
      if (!tile) return;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const image = context.createImageData(28, 28);
      tile.pixels.forEach((value, p) => {
        const grey = 255 - value;
        image.data.set([grey, grey, grey, 255], p * 4);
      });
      context.putImageData(image, 0, 0);
    });
  }

  override render() {
    return html`<ul aria-label=${this.label}>${this.tiles.map(
      // A captioned tile (a mistake: "7 → 1") says what it shows; uncaptioned ones are examples of the
      // list's digit, which the list's label names.
      (tile) => html`<li><figure><canvas width="28" height="28" role=${tile.caption ? 'img' : 'presentation'}
        aria-label=${tile.caption ?? nothing}></canvas>
        ${tile.caption ? html`<figcaption>${tile.caption}</figcaption>` : ''}</figure></li>`,
    )}</ul>`;
  }
}

customElements.define('digit-gallery', DigitGallery);

declare global {
  interface HTMLElementTagNameMap {
    'digit-gallery': DigitGallery;
  }
}
