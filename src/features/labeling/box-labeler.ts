import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { boxFromDrag, type Handle, handlePoints, hitTest, moveBox, type Point, resizeBox } from './box-geometry.ts';
import { BoxesChangeEvent } from './boxes-change-event.ts';
import type { Suggestion } from './suggestion.ts';
import { SuggestionsChangeEvent } from './suggestions-change-event.ts';

type Drag =
  | { kind: 'draw'; start: Point; current: Point; suggestion?: number }
  | { kind: 'move' | Handle; index: number; start: Point; original: Box };

interface Snapshot {
  boxes: LabeledBox[];
  suggestions: Suggestion[];
}

/** Two fingers down: the view at the start of the gesture, to scale and pan from. */
interface Pinch {
  scale: number;
  x: number;
  y: number;
  mid: Point;
  distance: number;
}

/** Boxes smaller than this (image pixels) are treated as a tap, not a drawing. */
const minimumSide = 4;
const maxZoom = 8;

/**
 * Draw, move, resize (corners and edges) and delete boxes on an image with touch, mouse, pen
 * (Pointer Events; two fingers pinch-zoom and pan) or the keyboard (Tab to a box, arrows nudge,
 * shift+arrows resize, Delete removes, ctrl+Z / ctrl+shift+Z undo/redo, + / - / 0 zoom). Boxes the
 * model proposes are drawn dashed: tap or Enter accepts one, Delete rejects it.
 * Coordinates are image pixels: the SVG's viewBox is the image, so no mapping can drift, zoomed or not.
 * @fires tama-boxes-change - after every change of the boxes, with the new boxes
 * @fires tama-suggestions-change - after a suggestion is accepted or rejected, with the open ones
 */
export class BoxLabeler extends LitElement {
  static override properties = {
    src: { type: String },
    imageWidth: { type: Number },
    imageHeight: { type: Number },
    boxes: { attribute: false },
    suggestions: { attribute: false },
    label: { type: String },
    _selected: { state: true },
    _drag: { state: true },
    _view: { state: true },
  };
  static override styles = css`
    :host {
      display: block;
      position: relative;
      overflow: hidden;
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
      border-radius: 0.5rem;
      background: #000;
    }
    :host(:focus-visible) {
      outline: 3px solid var(--accent, #22d3ee);
      outline-offset: 2px;
    }
    .stage {
      position: relative;
      transform-origin: 0 0;
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
      overflow: visible;
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
    rect.suggestion {
      fill: rgb(255 255 255 / 0.06);
      stroke: #f472b6;
      stroke-width: 3;
      stroke-dasharray: 8 6;
      vector-effect: non-scaling-stroke;
      cursor: pointer;
      outline: none;
    }
    rect.suggestion:focus-visible {
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
    text {
      fill: #fff;
      paint-order: stroke;
      stroke: #000;
      stroke-width: 3px;
      stroke-linejoin: round;
      pointer-events: none;
    }
  `;

  declare src: string;
  declare imageWidth: number;
  declare imageHeight: number;
  declare boxes: LabeledBox[];
  declare suggestions: Suggestion[];
  /** Label given to new boxes (suggestions carry their own). */
  declare label: string;
  declare private _selected: number | undefined;
  declare private _drag: Drag | undefined;
  declare private _view: { scale: number; x: number; y: number };
  private _undo: Snapshot[] = [];
  private _redo: Snapshot[] = [];
  private readonly _pointers = new Map<number, Point>();
  private _pinch: Pinch | undefined;
  /** After a pinch, the finger left on the screen must not start drawing. */
  private _ignorePointers = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.src = '';
    this.imageWidth = 0;
    this.imageHeight = 0;
    this.boxes = [];
    this.suggestions = [];
    this.label = 'ball';
    this._view = { scale: 1, x: 0, y: 0 };
    // On the host, not a box: after Delete the focused box is gone, and undo must still reach us.
    this.addEventListener('keydown', (event) => this._onKeyDown(event));
    this.addEventListener('wheel', (event) => this._onWheel(event), { passive: false });
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A new photo starts a new history and an unzoomed view.
    if (changed.has('src') && changed.get('src') !== undefined) {
      this._undo = [];
      this._redo = [];
      this._selected = undefined;
      this._drag = undefined;
      this._view = { scale: 1, x: 0, y: 0 };
    }
  }

  get selectedIndex(): number | undefined {
    return this._selected;
  }

  get zoom(): number {
    return this._view.scale;
  }

  private get _bounds() {
    return { width: this.imageWidth, height: this.imageHeight };
  }

  /** Handles grow on touch screens and shrink in big images, staying about 22 screen pixels wide. */
  private get _reach(): number {
    const shown = (this.getBoundingClientRect().width || this.imageWidth) * this._view.scale;
    return (11 * this.imageWidth) / shown;
  }

  private _commit(next: Partial<Snapshot>) {
    this._undo.push({ boxes: this.boxes, suggestions: this.suggestions });
    this._redo = [];
    this._apply({ boxes: this.boxes, suggestions: this.suggestions, ...next });
  }

  private _apply(next: Snapshot) {
    const boxesChanged = next.boxes !== this.boxes;
    const suggestionsChanged = next.suggestions !== this.suggestions;
    this.boxes = next.boxes;
    this.suggestions = next.suggestions;
    if (boxesChanged) this.dispatchEvent(new BoxesChangeEvent(next.boxes));
    if (suggestionsChanged) this.dispatchEvent(new SuggestionsChangeEvent(next.suggestions));
  }

  undo() {
    const previous = this._undo.pop();
    if (!previous) return;
    this._redo.push({ boxes: this.boxes, suggestions: this.suggestions });
    this._apply(previous);
    this._selected = undefined;
  }

  redo() {
    const next = this._redo.pop();
    if (!next) return;
    this._undo.push({ boxes: this.boxes, suggestions: this.suggestions });
    this._apply(next);
  }

  /** Accepts the given suggestions (all when omitted) as boxes, in one undo step. */
  acceptSuggestions(indices: readonly number[] = this.suggestions.map((_, i) => i)) {
    if (!indices.length) return;
    const accepted = indices.flatMap((i) => {
      const suggestion = this.suggestions[i];
      return suggestion ? [{ box: suggestion.box, label: suggestion.label }] : [];
    });
    this._commit({
      boxes: [...this.boxes, ...accepted],
      suggestions: this.suggestions.filter((_, i) => !indices.includes(i)),
    });
  }

  /** Rejects the given suggestions (all when omitted), in one undo step. */
  rejectSuggestions(indices: readonly number[] = this.suggestions.map((_, i) => i)) {
    if (!indices.length) return;
    this._commit({ suggestions: this.suggestions.filter((_, i) => !indices.includes(i)) });
  }

  /** Replaces every box (e.g. "copy boxes from the previous photo"), in one undo step. */
  replaceBoxes(boxes: LabeledBox[]) {
    this._commit({ boxes });
  }

  /** Gives the selected box another label; returns whether a box was selected. */
  relabelSelected(label: string): boolean {
    const index = this._selected;
    if (index === undefined || !this.boxes[index] || this.boxes[index].label === label) return false;
    this._commit({ boxes: this.boxes.map((b, i) => (i === index ? { ...b, label } : b)) });
    return true;
  }

  resetZoom() {
    this._view = { scale: 1, x: 0, y: 0 };
  }

  /** Zooms by `factor` keeping the point `at` (host pixels) still, never showing past the image. */
  zoomBy(factor: number, at?: Point) {
    const { width, height } = this.getBoundingClientRect();
    const anchor = at ?? { x: width / 2, y: height / 2 };
    const { scale, x, y } = this._view;
    const next = Math.min(maxZoom, Math.max(1, scale * factor));
    this._setView(next, anchor.x - ((anchor.x - x) * next) / scale, anchor.y - ((anchor.y - y) * next) / scale);
  }

  private _setView(scale: number, x: number, y: number) {
    const { width, height } = this.getBoundingClientRect();
    const clamp = (value: number, size: number) => Math.min(0, Math.max(size - size * scale, value));
    this._view = { scale, x: clamp(x, width), y: clamp(y, height) };
  }

  private _hostPoint(client: Point): Point {
    const rect = this.getBoundingClientRect();
    return { x: client.x - rect.left, y: client.y - rect.top };
  }

  private _point(event: PointerEvent): Point {
    const svgElement = this.renderRoot.querySelector('svg') as SVGSVGElement;
    // getScreenCTM includes the zoom's CSS transform, so this stays right at any zoom.
    const matrix = svgElement.getScreenCTM()?.inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  }

  private _startPinch() {
    // The first finger may have started a drawing or a move: a pinch is not an edit, so undo it.
    const drag = this._drag;
    if (drag && drag.kind !== 'draw')
      this.boxes = this.boxes.map((b, i) => (i === drag.index ? { ...b, box: drag.original } : b));
    this._drag = undefined;
    const [a, b] = [...this._pointers.values()].map((p) => this._hostPoint(p)) as [Point, Point];
    this._pinch = {
      ...this._view,
      mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
    };
  }

  private _movePinch(pinch: Pinch) {
    const [a, b] = [...this._pointers.values()].map((p) => this._hostPoint(p)) as [Point, Point];
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const scale = Math.min(maxZoom, Math.max(1, (pinch.scale * Math.hypot(a.x - b.x, a.y - b.y)) / pinch.distance));
    // The image point that was under the fingers' midpoint stays under it: zoom and pan in one gesture.
    this._setView(
      scale,
      mid.x - ((pinch.mid.x - pinch.x) * scale) / pinch.scale,
      mid.y - ((pinch.mid.y - pinch.y) * scale) / pinch.scale,
    );
  }

  private _onPointerDown(event: PointerEvent) {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    this._pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this._pointers.size === 2) {
      this._startPinch();
      return;
    }
    if (this._pointers.size > 2 || this._ignorePointers) return;
    const p = this._point(event);
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
      return;
    }
    this._selected = undefined;
    const suggestion = hitTest(
      this.suggestions.map((s) => s.box),
      p,
      0,
    )?.index;
    this._drag = { kind: 'draw', start: p, current: p, ...(suggestion === undefined ? {} : { suggestion }) };
  }

  private _onPointerMove(event: PointerEvent) {
    if (!this._pointers.has(event.pointerId)) return;
    this._pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this._pinch) {
      this._movePinch(this._pinch);
      return;
    }
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

  private _onPointerUp(event: PointerEvent) {
    this._pointers.delete(event.pointerId);
    if (this._pinch || this._ignorePointers) {
      this._pinch = undefined;
      this._ignorePointers = this._pointers.size > 0;
      return;
    }
    const drag = this._drag;
    this._drag = undefined;
    if (!drag || event.type === 'pointercancel') {
      if (drag && drag.kind !== 'draw')
        this.boxes = this.boxes.map((b, i) => (i === drag.index ? { ...b, box: drag.original } : b));
      return;
    }
    if (drag.kind === 'draw') {
      const box = boxFromDrag(drag.start, drag.current, this._bounds);
      if (box[2] < minimumSide || box[3] < minimumSide) {
        if (drag.suggestion !== undefined) this.acceptSuggestions([drag.suggestion]);
        return;
      }
      this._commit({ boxes: [...this.boxes, { box, label: this.label }] });
      this._selected = this.boxes.length - 1;
      return;
    }
    const moved = this.boxes;
    if (moved[drag.index]?.box.every((v, k) => v === drag.original[k])) return;
    this.boxes = moved.map((b, i) => (i === drag.index ? { ...b, box: drag.original } : b));
    this._commit({ boxes: moved });
  }

  private _onWheel(event: WheelEvent) {
    // ctrl+wheel is also what a trackpad pinch sends.
    if (event.ctrlKey) {
      event.preventDefault();
      this.zoomBy(Math.exp(-event.deltaY / 200), this._hostPoint({ x: event.clientX, y: event.clientY }));
    } else if (this._view.scale > 1) {
      event.preventDefault();
      this._setView(this._view.scale, this._view.x - event.deltaX, this._view.y - event.deltaY);
    }
  }

  private _focusedSuggestion(event: KeyboardEvent): number | undefined {
    const target = event.composedPath()[0];
    if (!(target instanceof SVGRectElement) || !target.classList.contains('suggestion')) return undefined;
    return Number(target.dataset.index);
  }

  private _onKeyDown(event: KeyboardEvent) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) this.redo();
      else this.undo();
      return;
    }
    if (!mod && (event.key === '+' || event.key === '=' || event.key === '-' || event.key === '0')) {
      event.preventDefault();
      if (event.key === '0') this.resetZoom();
      else this.zoomBy(event.key === '-' ? 1 / 1.5 : 1.5);
      return;
    }
    const suggestion = this._focusedSuggestion(event);
    if (suggestion !== undefined) {
      if (event.key === 'Enter' || event.key === ' ') this.acceptSuggestions([suggestion]);
      else if (event.key === 'Delete' || event.key === 'Backspace') this.rejectSuggestions([suggestion]);
      else return;
      event.preventDefault();
      this.focus();
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
      this._commit({ boxes: this.boxes.map((b, i) => (i === index ? { ...b, box: next } : b)) });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this._commit({ boxes: this.boxes.filter((_, i) => i !== index) });
      this._selected = undefined;
      this.focus();
    }
  }

  private _renderLabel([x, y]: Box, text: string) {
    const size = this._reach * 1.1;
    return svg`<text x=${x + size * 0.2} y=${y > size * 1.2 ? y - size * 0.3 : y + size} font-size=${size}>${text}</text>`;
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
      ${this._renderLabel(box, label)}
      ${
        selected
          ? handlePoints(box).map(
              ([, cx, cy]) => svg`<rect class="handle" x=${cx - r} y=${cy - r} width=${2 * r} height=${2 * r}></rect>`,
            )
          : nothing
      }`;
  }

  private _renderSuggestion({ box, score }: Suggestion, index: number) {
    const [x, y, w, h] = box;
    const percent = Math.round(score * 100);
    return svg`<rect class="suggestion" data-index=${index} x=${x} y=${y} width=${w} height=${h} tabindex="0" role="option"
        aria-selected="false"
        aria-label=${msg(str`Suggested box ${index + 1}, ${percent} %: Enter accepts, Delete rejects`, { id: 'labeler.suggestion' })}></rect>
      ${this._renderLabel(box, `${percent}%`)}`;
  }

  override render() {
    const drag = this._drag;
    const draft = drag?.kind === 'draw' ? boxFromDrag(drag.start, drag.current, this._bounds) : undefined;
    const { scale, x, y } = this._view;
    return html`<div class="stage" style="transform: translate(${x}px, ${y}px) scale(${scale})">
      <img src=${this.src} alt="" draggable="false" />
      <svg viewBox="0 0 ${this.imageWidth} ${this.imageHeight}" preserveAspectRatio="none" role="listbox"
        aria-label=${msg('Boxes on this photo', { id: 'labeler.list' })}
        @pointerdown=${this._onPointerDown} @pointermove=${this._onPointerMove} @pointerup=${this._onPointerUp} @pointercancel=${this._onPointerUp}>
        ${this.suggestions.map((s, i) => this._renderSuggestion(s, i))}
        ${this.boxes.map((b, i) => this._renderBox(b, i))}
        ${draft ? svg`<rect class="draft" x=${draft[0]} y=${draft[1]} width=${draft[2]} height=${draft[3]}></rect>` : nothing}
      </svg>
    </div>`;
  }
}

customElements.define('box-labeler', BoxLabeler);

declare global {
  interface HTMLElementTagNameMap {
    'box-labeler': BoxLabeler;
  }
}
