import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { boxAfterArrowKey, type Drag, draggedBox, startDrag, withBox } from './box-edits.ts';
import { boxFromDrag, handlePoints, type Point } from './box-geometry.ts';
import { boxLabelerStyles } from './box-labeler.styles.ts';
import { BoxesChangeEvent } from './boxes-change-event.ts';
import { EditHistory } from './edit-history.ts';
import type { Suggestion } from './suggestion.ts';
import { SuggestionsChangeEvent } from './suggestions-change-event.ts';
import { ZoomPanController } from './zoom-pan-controller.ts';

interface Snapshot {
  boxes: LabeledBox[];
  suggestions: Suggestion[];
}

/** Boxes smaller than this (image pixels) are treated as a tap, not a drawing. */
const minimumSide = 4;

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
  };
  static override styles = boxLabelerStyles;

  declare src: string;
  declare imageWidth: number;
  declare imageHeight: number;
  declare boxes: LabeledBox[];
  declare suggestions: Suggestion[];
  /** Label given to new boxes (suggestions carry their own). */
  declare label: string;
  declare private _selected: number | undefined;
  declare private _drag: Drag | undefined;
  private readonly _history = new EditHistory<Snapshot>();
  // A pinch is not an edit: whatever the first finger was dragging goes back.
  private readonly _zoomPan = new ZoomPanController(this, () => this._cancelDrag());

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.src = '';
    this.imageWidth = 0;
    this.imageHeight = 0;
    this.boxes = [];
    this.suggestions = [];
    this.label = 'ball';
    // On the host, not a box: after Delete the focused box is gone, and undo must still reach us.
    this.addEventListener('keydown', (event) => this._onKeyDown(event));
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A new photo starts a new history and an unzoomed view.
    if (changed.has('src') && changed.get('src') !== undefined) {
      this._history.reset();
      this._selected = undefined;
      this._drag = undefined;
      this._zoomPan.reset();
    }
  }

  get selectedIndex(): number | undefined {
    return this._selected;
  }

  get zoom(): number {
    return this._zoomPan.view.scale;
  }

  private get _bounds() {
    return { width: this.imageWidth, height: this.imageHeight };
  }

  /** Handles grow on touch screens and shrink in big images, staying about 22 screen pixels wide. */
  private get _reach(): number {
    const shown = (this.getBoundingClientRect().width || this.imageWidth) * this._zoomPan.view.scale;
    return (11 * this.imageWidth) / shown;
  }

  private get _snapshot(): Snapshot {
    return { boxes: this.boxes, suggestions: this.suggestions };
  }

  private _commit(next: Partial<Snapshot>) {
    this._history.push(this._snapshot);
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
    const previous = this._history.undo(this._snapshot);
    if (!previous) return;
    this._apply(previous);
    this._selected = undefined;
  }

  redo() {
    const next = this._history.redo(this._snapshot);
    if (next) this._apply(next);
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
    this._zoomPan.reset();
  }

  /** Zooms by `factor` keeping the point `at` (host pixels) still, never showing past the image. */
  zoomBy(factor: number, at?: Point) {
    this._zoomPan.zoomBy(factor, at);
  }

  private _point(event: PointerEvent): Point {
    const svgElement = this.renderRoot.querySelector('svg') as SVGSVGElement;
    // getScreenCTM includes the zoom's CSS transform, so this stays right at any zoom.
    const matrix = svgElement.getScreenCTM()?.inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  }

  /** Puts a box being moved or resized back where it was: its live preview was never an edit. */
  private _cancelDrag() {
    const drag = this._drag;
    this._drag = undefined;
    if (drag && drag.kind !== 'draw') this.boxes = withBox(this.boxes, drag.index, drag.original);
  }

  private _onPointerDown(event: PointerEvent) {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    if (this._zoomPan.handlePointerDown(event)) return;
    const drag = startDrag(this.boxes, this.suggestions, this._point(event), this._reach);
    this._selected = drag.kind === 'draw' ? undefined : drag.index;
    this._drag = drag;
  }

  private _onPointerMove(event: PointerEvent) {
    if (this._zoomPan.handlePointerMove(event)) return;
    const drag = this._drag;
    if (!drag) return;
    const p = this._point(event);
    if (drag.kind === 'draw') {
      this._drag = { ...drag, current: p };
      return;
    }
    // Live preview without an undo step per pointer event; the step is taken on pointerup.
    this.boxes = withBox(this.boxes, drag.index, draggedBox(drag, p, this._bounds));
  }

  private _onPointerUp(event: PointerEvent) {
    if (this._zoomPan.handlePointerUp(event)) return;
    const drag = this._drag;
    if (!drag || event.type === 'pointercancel') {
      this._cancelDrag();
      return;
    }
    this._drag = undefined;
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
    this.boxes = withBox(moved, drag.index, drag.original);
    this._commit({ boxes: moved });
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
    const nudged = boxAfterArrowKey(this.boxes[index].box, event, this._bounds);
    if (nudged) {
      event.preventDefault();
      this._commit({ boxes: withBox(this.boxes, index, nudged) });
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
    const { scale, x, y } = this._zoomPan.view;
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
