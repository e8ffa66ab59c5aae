import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, svg } from 'lit';
import { BoxesChangeEvent } from '../../shared/events/boxes-change.ts';
import type { LabeledBox } from '../dataset/dataset-store.ts';
import type { Box } from '../detection/geometry.ts';
import { boxFromDrag, type Handle, hitTest, moveBox, type Point, resizeBox } from './box-geometry.ts';

type Drag =
  | { kind: 'draw'; start: Point; current: Point }
  | { kind: 'move' | Handle; index: number; start: Point; original: Box };

/** Boxes smaller than this (image pixels) are treated as a tap, not a drawing. */
const minimumSide = 4;

/**
 * Draw, move, resize and delete boxes on an image with touch, mouse, pen (Pointer Events) or the
 * keyboard (Tab to a box, arrows nudge, shift+arrows resize, Delete removes, ctrl+Z / ctrl+shift+Z
 * undo/redo). Coordinates are image pixels: the SVG's viewBox is the image, so no mapping can drift.
 * @fires tama-boxes-change - after every change, with the new boxes
 */
export class BoxLabeler extends LitElement {
  static override properties = {
    src: { type: String },
    imageWidth: { type: Number },
    imageHeight: { type: Number },
    boxes: { attribute: false },
    label: { type: String },
    _selected: { state: true },
    _drag: { state: true },
  };
  static override styles = css`
    :host {
      display: block;
      position: relative;
      touch-action: none;
      user-select: none;
    }
    img,
    svg {
      display: block;
      width: 100%;
      height: auto;
    }
    svg {
      position: absolute;
      inset: 0;
      height: 100%;
      cursor: crosshair;
    }
    rect.box {
      fill: rgb(250 204 21 / 0.12);
      stroke: #facc15;
      vector-effect: non-scaling-stroke;
      stroke-width: 3;
      cursor: move;
      outline: none;
    }
    rect.box:focus-visible,
    rect.box[aria-selected='true'] {
      stroke: #22d3ee;
      stroke-width: 4;
    }
    rect.handle {
      fill: #22d3ee;
      stroke: #000;
      vector-effect: non-scaling-stroke;
    }
    rect.draft {
      fill: none;
      stroke: #22d3ee;
      stroke-dasharray: 6 4;
      vector-effect: non-scaling-stroke;
      stroke-width: 2;
    }
  `;

  declare src: string;
  declare imageWidth: number;
  declare imageHeight: number;
  declare boxes: LabeledBox[];
  declare label: string;
  declare private _selected: number | undefined;
  declare private _drag: Drag | undefined;
  private _undo: LabeledBox[][] = [];
  private _redo: LabeledBox[][] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.src = '';
    this.imageWidth = 0;
    this.imageHeight = 0;
    this.boxes = [];
    this.label = 'ball';
    // On the host, not a box: after Delete the focused box is gone, and undo must still reach us.
    this.addEventListener('keydown', (event) => this._onKeyDown(event));
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  private get _bounds() {
    return { width: this.imageWidth, height: this.imageHeight };
  }

  /** Handles grow on touch screens and shrink in big images, staying about 22 screen pixels wide. */
  private get _reach(): number {
    const shown = this.getBoundingClientRect().width || this.imageWidth;
    return (11 * this.imageWidth) / shown;
  }

  private _commit(next: LabeledBox[]) {
    this._undo.push(this.boxes);
    this._redo = [];
    this._set(next);
  }

  private _set(next: LabeledBox[]) {
    this.boxes = next;
    this.dispatchEvent(new BoxesChangeEvent(next));
  }

  undo() {
    const previous = this._undo.pop();
    if (!previous) return;
    this._redo.push(this.boxes);
    this._set(previous);
    this._selected = undefined;
  }

  redo() {
    const next = this._redo.pop();
    if (!next) return;
    this._undo.push(this.boxes);
    this._set(next);
  }

  private _point(event: PointerEvent): Point {
    const svgElement = this.renderRoot.querySelector('svg') as SVGSVGElement;
    const matrix = svgElement.getScreenCTM()?.inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  }

  private _onPointerDown(event: PointerEvent) {
    if (event.button !== 0) return;
    const p = this._point(event);
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    const hit = hitTest(
      this.boxes.map((b) => b.box),
      p,
      this._reach,
    );
    if (hit) {
      this._selected = hit.index;
      this._drag = {
        kind: hit.part === 'body' ? 'move' : hit.part,
        index: hit.index,
        start: p,
        original: this.boxes[hit.index]?.box as Box,
      };
    } else {
      this._selected = undefined;
      this._drag = { kind: 'draw', start: p, current: p };
    }
  }

  private _onPointerMove(event: PointerEvent) {
    const drag = this._drag;
    if (!drag) return;
    const p = this._point(event);
    if (drag.kind === 'draw') {
      this._drag = { ...drag, current: p };
      return;
    }
    const dx = p.x - drag.start.x;
    const dy = p.y - drag.start.y;
    const box =
      drag.kind === 'move'
        ? moveBox(drag.original, dx, dy, this._bounds)
        : resizeBox(drag.original, drag.kind, dx, dy, this._bounds);
    // Live preview without an undo step per pointer event; the step is taken on pointerup.
    this.boxes = this.boxes.map((b, i) => (i === drag.index ? { ...b, box } : b));
  }

  private _onPointerUp() {
    const drag = this._drag;
    this._drag = undefined;
    if (!drag) return;
    if (drag.kind === 'draw') {
      const box = boxFromDrag(drag.start, drag.current, this._bounds);
      if (box[2] < minimumSide || box[3] < minimumSide) return;
      this._commit([...this.boxes, { box, label: this.label }]);
      this._selected = this.boxes.length - 1;
      return;
    }
    const moved = this.boxes;
    const original = moved.map((b, i) => (i === drag.index ? { ...b, box: drag.original } : b));
    if (moved[drag.index]?.box.every((v, k) => v === drag.original[k])) return;
    this.boxes = original;
    this._commit(moved);
  }

  private _onKeyDown(event: KeyboardEvent) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) this.redo();
      else this.undo();
      return;
    }
    const index = this._selected;
    if (index === undefined || !this.boxes[index]) return;
    const box = this.boxes[index].box;
    const step = event.altKey ? 10 : 1;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const next = event.shiftKey
        ? resizeBox(box, 'se', arrow[0], arrow[1], this._bounds)
        : moveBox(box, arrow[0], arrow[1], this._bounds);
      this._commit(this.boxes.map((b, i) => (i === index ? { ...b, box: next } : b)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this._commit(this.boxes.filter((_, i) => i !== index));
      this._selected = undefined;
      this.focus();
    }
  }

  private _renderBox({ box, label }: LabeledBox, index: number) {
    const [x, y, w, h] = box;
    const selected = index === this._selected;
    const r = this._reach / 2;
    return svg`<rect class="box" x=${x} y=${y} width=${w} height=${h} tabindex="0" role="option"
        aria-selected=${selected ? 'true' : 'false'}
        aria-label=${msg(str`${label} ${index + 1}: ${Math.round(w)}×${Math.round(h)} at ${Math.round(x)}, ${Math.round(y)}`, { id: 'labeler.box' })}
        @focus=${() => {
          this._selected = index;
        }}></rect>
      ${
        selected
          ? [
              [x, y],
              [x + w, y],
              [x, y + h],
              [x + w, y + h],
            ].map(
              ([cx, cy]) =>
                svg`<rect class="handle" x=${(cx as number) - r} y=${(cy as number) - r} width=${2 * r} height=${2 * r}></rect>`,
            )
          : nothing
      }`;
  }

  override render() {
    const drag = this._drag;
    const draft = drag?.kind === 'draw' ? boxFromDrag(drag.start, drag.current, this._bounds) : undefined;
    return html`<img src=${this.src} alt="" draggable="false" />
      <svg viewBox="0 0 ${this.imageWidth} ${this.imageHeight}" preserveAspectRatio="none" role="listbox"
        aria-label=${msg('Boxes on this photo', { id: 'labeler.list' })}
        @pointerdown=${this._onPointerDown} @pointermove=${this._onPointerMove} @pointerup=${this._onPointerUp} @pointercancel=${this._onPointerUp}>
        ${this.boxes.map((b, i) => this._renderBox(b, i))}
        ${draft ? svg`<rect class="draft" x=${draft[0]} y=${draft[1]} width=${draft[2]} height=${draft[3]}></rect>` : nothing}
      </svg>`;
  }
}

customElements.define('box-labeler', BoxLabeler);

declare global {
  interface HTMLElementTagNameMap {
    'box-labeler': BoxLabeler;
  }
}
