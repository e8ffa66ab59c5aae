import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';

/** The drawing, prepared as MNIST was: the ink's bounding box scaled to 20 px, centred by mass in 28×28. */
export function toMnistPixels(source: HTMLCanvasElement): Float32Array | undefined {
  const { width, height } = source;
  const data = (source.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, width, height).data;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((data[(y * width + x) * 4 + 3] as number) > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  if (right < 0) return undefined;
  const side = Math.max(right - left + 1, bottom - top + 1);
  const small = new OffscreenCanvas(28, 28);
  const context = small.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  const scale = 20 / side;
  const w = (right - left + 1) * scale;
  const h = (bottom - top + 1) * scale;
  context.drawImage(source, left, top, right - left + 1, bottom - top + 1, (28 - w) / 2, (28 - h) / 2, w, h);
  const alpha = context.getImageData(0, 0, 28, 28).data;
  const pixels = new Float32Array(784);
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let p = 0; p < 784; p++) {
    const v = (alpha[p * 4 + 3] as number) / 255;
    pixels[p] = v;
    mass += v;
    cx += v * (p % 28);
    cy += v * Math.floor(p / 28);
  }
  // Shift so the centre of mass sits at the centre, as in the MNIST preprocessing.
  const dx = Math.round(13.5 - cx / mass);
  const dy = Math.round(13.5 - cy / mass);
  const shifted = new Float32Array(784);
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) shifted[y * 28 + x] = pixels[sy * 28 + sx] as number;
    }
  return shifted;
}

/**
 * Draw a digit with a finger or mouse (Pointer Events).
 * @fires tama-digit - after each stroke, with the 28×28 pixels (detail), or undefined when cleared
 */
export class DigitPad extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    canvas {
      width: 224px;
      height: 224px;
      touch-action: none;
      background: #fff;
      border: 2px solid var(--border-strong);
      border-radius: 0.75rem;
      cursor: crosshair;
    }
    button {
      display: block;
      min-height: var(--tap-target);
      margin-top: 0.5rem;
      padding: 0 1rem;
      border: 1px solid var(--border-strong);
      border-radius: 0.75rem;
      background: var(--surface-raised);
      color: var(--text);
      font: inherit;
    }
  `;
  private _drawing = false;
  private _last: [number, number] | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private get _canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas') as HTMLCanvasElement;
  }

  private _point(event: PointerEvent): [number, number] {
    const rect = this._canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * 224) / rect.width, ((event.clientY - rect.top) * 224) / rect.height];
  }

  private _down(event: PointerEvent) {
    this._canvas.setPointerCapture(event.pointerId);
    this._drawing = true;
    this._last = this._point(event);
    this._move(event);
  }

  private _move(event: PointerEvent) {
    if (!this._drawing || !this._last) return;
    const context = this._canvas.getContext('2d') as CanvasRenderingContext2D;
    const point = this._point(event);
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.lineWidth = 18;
    context.strokeStyle = '#000';
    context.beginPath();
    context.moveTo(...this._last);
    context.lineTo(...point);
    context.stroke();
    this._last = point;
  }

  private _up() {
    if (!this._drawing) return;
    this._drawing = false;
    this.dispatchEvent(
      new CustomEvent('tama-digit', { detail: toMnistPixels(this._canvas), bubbles: true, composed: true }),
    );
  }

  clear() {
    this._canvas.getContext('2d')?.clearRect(0, 0, 224, 224);
    this.dispatchEvent(new CustomEvent('tama-digit', { detail: undefined, bubbles: true, composed: true }));
  }

  override render() {
    return html`<canvas width="224" height="224" aria-label=${msg('Drawing pad: draw one digit', { id: 'mnist.pad.label' })}
        @pointerdown=${this._down} @pointermove=${this._move} @pointerup=${this._up} @pointercancel=${this._up}></canvas>
      <button @click=${() => this.clear()}>${msg('Clear', { id: 'mnist.pad.clear' })}</button>`;
  }
}

customElements.define('digit-pad', DigitPad);

declare global {
  interface HTMLElementTagNameMap {
    'digit-pad': DigitPad;
  }
}
