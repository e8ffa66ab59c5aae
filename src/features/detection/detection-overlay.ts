import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Box } from '../../model/geometry.ts';
import { fitRect } from './fit-rect.ts';

/** A box to draw: a detection, or a tracked ball with its id. */
export interface OverlayBox {
  readonly box: Box;
  readonly score: number;
  readonly label: string;
  readonly id?: number;
  /** Frames the tracked ball went unseen: its box is where it is predicted to be, drawn dashed. */
  readonly missed?: number;
}

const SOLID: number[] = [];
const DASHED: number[] = [6, 5];
const DASHED_LARGE: number[] = [16, 12];

/**
 * Draws detection boxes over a video or image that fills the same box with the same object-fit.
 * Boxes are in source pixels; the overlay maps them to where the source is shown, so they stay
 * aligned under any size, orientation or fit. `data-count`, `data-boxes` and `data-ids` expose what is
 * drawn, `data-frames` and `data-frame-time` which frame it was found on.
 * @csspart canvas - the drawing surface
 */
export class DetectionOverlay extends LitElement {
  static override properties = {
    detections: { attribute: false },
    frames: { type: Number, attribute: 'data-frames', reflect: true },
    frameTime: { attribute: false },
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

  /** May be the same array from frame to frame, updated in place: a new `frames` count redraws it. */
  declare detections: readonly OverlayBox[];
  /** Frames detected so far. */
  declare frames: number;
  /** Media time of the video frame the boxes belong to. */
  declare frameTime: number;
  declare sourceWidth: number;
  declare sourceHeight: number;
  declare fit: 'contain' | 'cover';
  /** Projector mode: thick lines and big labels, readable from the back of a classroom. */
  declare large: boolean;
  private readonly _resizeObserver = new ResizeObserver(() => this._draw());

  constructor() {
    super();
    this.detections = [];
    this.frames = 0;
    this.frameTime = 0;
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
    this.dataset.frameTime = String(this.frameTime);
    this.dataset.ids = JSON.stringify(this.detections.map((d) => d.id ?? null));
    this.dataset.boxes = JSON.stringify(this.detections.map((d) => d.box.map(Math.round)));
    this._draw();
  }

  private _draw() {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.getBoundingClientRect();
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    // Resizing reallocates the canvas: do it only when the size changed, else just clear it.
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, pixelWidth, pixelHeight);
    if (!this.sourceWidth || !this.sourceHeight) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { x, y, scale } = fitRect(this.sourceWidth, this.sourceHeight, width, height, this.fit);
    const line = this.large ? 8 : 3;
    const fontSize = this.large ? 36 : 15;
    ctx.font = `700 ${fontSize}px system-ui, sans-serif`;
    ctx.textBaseline = 'top';
    for (const { box, score, label, id, missed } of this.detections) {
      const left = x + box[0] * scale;
      const top = y + box[1] * scale;
      ctx.setLineDash(missed ? (this.large ? DASHED_LARGE : DASHED) : SOLID);
      ctx.lineWidth = line;
      // A dark halo under the bright box keeps it visible on white balls and bright projectors.
      ctx.strokeStyle = 'rgb(0 0 0 / 0.7)';
      ctx.strokeRect(left, top, box[2] * scale, box[3] * scale);
      ctx.lineWidth = line / 2;
      ctx.strokeStyle = '#facc15';
      ctx.strokeRect(left, top, box[2] * scale, box[3] * scale);
      ctx.setLineDash(SOLID);
      const text =
        id === undefined ? `${label} ${Math.round(score * 100)}%` : `${label} ${Math.round(score * 100)}% #${id}`;
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
