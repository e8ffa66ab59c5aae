import { msg } from '@lit/localize';
import { css, html, LitElement, type PropertyValues } from 'lit';
import type { Box } from '../../model/geometry.ts';
import { fitRect } from './fit-rect.ts';
import { placeLabel, type Rect } from './label-placement.ts';

/** A box to draw: a detection, or a tracked ball with its id. */
export interface OverlayBox {
  readonly box: Box;
  readonly score: number;
  readonly label: string;
  readonly id?: number;
  /** Frames the tracked ball went unseen: its box is where it is predicted to be, drawn dashed. */
  readonly missed?: number;
}

/**
 * A class name as the box label says it: the default model's "ball" and COCO's "sports ball" are both
 * a ball to a student; a class the student named (テニスボール) is shown as they wrote it.
 */
function labelText(label: string): string {
  return label === 'ball' || label === 'sports ball' ? msg('ball', { id: 'detect.class.ball' }) : label;
}

const SOLID: number[] = [];
const DASHED: number[] = [6, 5];
const DASHED_LARGE: number[] = [16, 12];

/**
 * Draws detection boxes over a video or image that fills the same box with the same object-fit.
 * Boxes are in source pixels; the overlay maps them to where the source is shown, so they stay
 * aligned under any size, orientation or fit. Labels stay inside the picture. `data-count`, `data-boxes`
 * and `data-ids` expose what is drawn, `data-frames` and `data-frame-time` which frame it was found on,
 * `data-picture` and `data-labels` where the picture and each label are (CSS px, [x, y, w, h]).
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
  /** The canvas has been drawn on (and must be cleared when the picture goes). */
  private _painted = false;

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
    if ((!this.sourceWidth || !this.sourceHeight) && !this._painted) {
      // Nothing to show yet (no camera): reading the size here would force the page's first layout early.
      this._expose([0, 0, 0, 0], []);
      return;
    }
    this._painted = true;
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
    const labels: Rect[] = [];
    if (!this.sourceWidth || !this.sourceHeight) {
      this._expose([0, 0, 0, 0], labels);
      return;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { x, y, scale } = fitRect(this.sourceWidth, this.sourceHeight, width, height, this.fit);
    const picture: Rect = [x, y, this.sourceWidth * scale, this.sourceHeight * scale];
    // Presenter sizes follow the picture: readable on a projector, yet not half a phone screen per label.
    const side = Math.min(picture[2], picture[3]);
    const line = this.large ? clamp(side / 120, 4, 8) : 3;
    const baseFont = this.large ? clamp(side / 14, 18, 40) : 15;
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
      const name = labelText(label);
      const text =
        id === undefined ? `${name} ${Math.round(score * 100)}%` : `${name} ${Math.round(score * 100)}% #${id}`;
      let fontSize = baseFont;
      ctx.font = `700 ${fontSize}px system-ui, sans-serif`;
      const measured = ctx.measureText(text).width + fontSize / 2;
      // A label wider than a small picture gets a smaller font rather than being cut.
      if (measured > picture[2]) {
        fontSize = Math.max(8, (fontSize * picture[2]) / measured);
        ctx.font = `700 ${fontSize}px system-ui, sans-serif`;
      }
      const padding = fontSize / 4;
      const placed = placeLabel(
        [left, top, box[2] * scale, box[3] * scale],
        ctx.measureText(text).width + padding * 2,
        fontSize + padding * 2,
        picture,
      );
      labels.push(placed);
      ctx.fillStyle = '#facc15';
      ctx.fillRect(...placed);
      ctx.fillStyle = '#111';
      ctx.fillText(text, placed[0] + padding, placed[1] + padding, placed[2] - padding * 2);
    }
    this._expose(picture, labels);
  }

  private _expose(picture: Rect, labels: Rect[]) {
    const round = (rect: Rect) => rect.map((value) => Math.round(value));
    this.dataset.picture = JSON.stringify(round(picture));
    this.dataset.labels = JSON.stringify(labels.map(round));
  }

  override render() {
    return html`<canvas part="canvas" aria-hidden="true"></canvas>`;
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

customElements.define('detection-overlay', DetectionOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'detection-overlay': DetectionOverlay;
  }
}
