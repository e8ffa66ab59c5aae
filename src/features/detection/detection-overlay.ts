import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Detection } from '../../model/geometry.ts';
import { fitRect } from './fit-rect.ts';

/**
 * Draws detection boxes over a video or image that fills the same box with the same object-fit.
 * Boxes are in source pixels; the overlay maps them to where the source is shown, so they stay
 * aligned under any size, orientation or fit. `data-count` and `data-boxes` expose what is drawn.
 * @csspart canvas - the drawing surface
 */
export class DetectionOverlay extends LitElement {
  static override properties = {
    detections: { attribute: false },
    sourceWidth: { type: Number },
    sourceHeight: { type: Number },
    fit: { type: String },
    large: { type: Boolean, reflect: true },
  };
  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
    }
    canvas {
      width: 100%;
      height: 100%;
      display: block;
    }
  `;

  declare detections: Detection[];
  declare sourceWidth: number;
  declare sourceHeight: number;
  declare fit: 'contain' | 'cover';
  /** Projector mode: thick lines and big labels, readable from the back of a classroom. */
  declare large: boolean;
  private readonly _resizeObserver = new ResizeObserver(() => this._draw());

  constructor() {
    super();
    this.detections = [];
    this.sourceWidth = 0;
    this.sourceHeight = 0;
    this.fit = 'contain';
    this.large = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this._resizeObserver.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resizeObserver.disconnect();
  }

  override updated(_changed: PropertyValues<this>) {
    this.dataset.count = String(this.detections.length);
    this.dataset.boxes = JSON.stringify(this.detections.map((d) => d.box.map(Math.round)));
    this._draw();
  }

  private _draw() {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.getBoundingClientRect();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx || !this.sourceWidth || !this.sourceHeight) return;
    ctx.scale(ratio, ratio);
    const { x, y, scale } = fitRect(this.sourceWidth, this.sourceHeight, width, height, this.fit);
    const line = this.large ? 8 : 3;
    const fontSize = this.large ? 36 : 15;
    ctx.font = `700 ${fontSize}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    for (const { box, score, label } of this.detections) {
      const left = x + box[0] * scale;
      const top = y + box[1] * scale;
      ctx.lineWidth = line;
      // A dark halo under the bright box keeps it visible on white balls and bright projectors.
      ctx.strokeStyle = 'rgb(0 0 0 / 0.7)';
      ctx.strokeRect(left, top, box[2] * scale, box[3] * scale);
      ctx.lineWidth = line / 2;
      ctx.strokeStyle = '#facc15';
      ctx.strokeRect(left, top, box[2] * scale, box[3] * scale);
      const text = `${label} ${Math.round(score * 100)}%`;
      const padding = fontSize / 4;
      const textWidth = ctx.measureText(text).width + padding * 2;
      const labelTop = top - fontSize - padding * 2 >= 0 ? top - fontSize - padding * 2 : top;
      ctx.fillStyle = '#facc15';
      ctx.fillRect(left, labelTop, textWidth, fontSize + padding * 2);
      ctx.fillStyle = '#111';
      ctx.fillText(text, left + padding, labelTop + padding);
    }
  }

  override render() {
    return html`<canvas part="canvas" aria-hidden="true"></canvas>`;
  }
}

customElements.define('detection-overlay', DetectionOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'detection-overlay': DetectionOverlay;
  }
}
