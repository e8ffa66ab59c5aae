import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { boxAfterArrowKey, type Drag, draggedBox, duplicateOf, startDrag, withBox } from './box-edits.ts';
import { boxFromDrag, type Point } from './box-geometry.ts';
import { boxLabelerStyles } from './box-labeler.styles.ts';
import * as draw from './box-labeler-svg.ts';
import { BoxesChangeEvent } from './boxes-change-event.ts';
import { EditHistory } from './edit-history.ts';
import { type LabelerSelection, SelectionChangeEvent } from './selection-change-event.ts';
import type { Suggestion } from './suggestion.ts';
import { SuggestionsChangeEvent } from './suggestions-change-event.ts';
import { ZoomPanController } from './zoom-pan-controller.ts';

interface Snapshot {
  boxes: LabeledBox[];
  suggestions: Suggestion[];
}

/** A drag that stays within this many screen pixels (and 4 image pixels) is a tap, not a drawing. */
const tapSlop = 6;
const minimumSide = 4;

/**
 * Draw, move, resize (corners and edges) and delete boxes on an image with touch, mouse, pen
 * (Pointer Events; two fingers pinch-zoom and pan) or the keyboard (Tab to a box, arrows nudge,
 * shift+arrows resize, Delete removes, ctrl+Z / ctrl+shift+Z undo/redo, + / - / 0 zoom).
 * A drag draws a new box wherever it starts, except on the selected box: its handles (44 px touch
 * areas at any zoom) resize it, its inside moves it. A tap selects a box, or picks a suggestion (drawn
 * dashed) for the owner's ✓ / ✕ buttons; Enter accepts a focused suggestion, Delete rejects it.
 * Coordinates are image pixels: the SVG's viewBox is the image, so no mapping can drift, zoomed or not.
 * @fires tama-boxes-change - after every change of the boxes, with the new boxes
 * @fires tama-suggestions-change - after a suggestion is accepted or rejected, with the open ones
 * @fires tama-selection-change - the selected box or picked suggestion changed
 */
export class BoxLabeler extends LitElement {
  static override properties = {
    src: { type: String },
    imageWidth: { type: Number },
    imageHeight: { type: Number },
    boxes: { attribute: false },
    suggestions: { attribute: false },
    label: { type: String },
    highlight: { attribute: false },
    _selected: { state: true },
    _picked: { state: true },
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
  /** A box to draw attention to, e.g. the label check's suspect (not editable: a marker). */
  declare highlight: Box | undefined;
  declare private _selected: number | undefined;
  declare private _picked: number | undefined;
  declare private _drag: Drag | undefined;
  private readonly _history = new EditHistory<Snapshot>();
  // A pinch is not an edit: whatever the first finger was dragging goes back.
  private readonly _zoomPan = new ZoomPanController(this, () => this._cancelDrag());
  // Handle sizes follow the shown size: a new layout (rotation, the editor opening) redraws them.
  private readonly _resize = new ResizeObserver(() => this.requestUpdate());

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
    this._resize.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A new photo starts a new history and an unzoomed view.
    if (changed.has('src') && changed.get('src') !== undefined) {
      this._history.reset();
      this._select(undefined);
      this._drag = undefined;
      this._zoomPan.reset();
    }
    if (this._selected !== undefined && !this.boxes[this._selected]) this._selected = undefined;
    if (this._picked !== undefined && !this.suggestions[this._picked]) this._picked = undefined;
  }

  protected override updated(changed: PropertyValues) {
    if (changed.has('_selected') || changed.has('_picked'))
      this.dispatchEvent(new SelectionChangeEvent(this.selection));
  }

  /** The selected box or the picked suggestion (never both). */
  get selection(): LabelerSelection {
    if (this._selected !== undefined) return { box: this._selected };
    if (this._picked !== undefined) return { suggestion: this._picked };
    return {};
  }

  get zoom(): number {
    return this._zoomPan.view.scale;
  }

  private get _bounds() {
    return { width: this.imageWidth, height: this.imageHeight };
  }

  /** Image pixels per screen pixel at the current size and zoom. */
  private get _unit(): number {
    const shown = (this.getBoundingClientRect().width || this.imageWidth) * this._zoomPan.view.scale;
    return this.imageWidth / shown;
  }

  /** Selects a box (deselecting any suggestion), a suggestion (deselecting any box), or nothing. */
  private _select(box: number | undefined, suggestion?: number) {
    this._selected = box;
    this._picked = box === undefined ? suggestion : undefined;
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
    this._select(undefined);
  }

  redo() {
    const next = this._history.redo(this._snapshot);
    if (next) this._apply(next);
  }

  /** Accepts the given suggestions (all when omitted) as boxes, in one undo step; one accepted alone is selected. */
  acceptSuggestions(indices: readonly number[] = this.suggestions.map((_, i) => i)) {
    if (!indices.length) return;
    const accepted = indices.flatMap((i) => {
      const suggestion = this.suggestions[i];
      return suggestion ? [{ box: suggestion.box, label: suggestion.label }] : [];
    });
    const first = this.boxes.length;
    this._commit({
      boxes: [...this.boxes, ...accepted],
      suggestions: this.suggestions.filter((_, i) => !indices.includes(i)),
    });
    this._select(accepted.length === 1 ? first : undefined);
  }

  /** Rejects the given suggestions (all when omitted), in one undo step. */
  rejectSuggestions(indices: readonly number[] = this.suggestions.map((_, i) => i)) {
    if (!indices.length) return;
    this._commit({ suggestions: this.suggestions.filter((_, i) => !indices.includes(i)) });
    this._select(undefined);
  }

  /** Deletes the selected box, in one undo step. */
  deleteSelected() {
    const index = this._selected;
    if (index === undefined || !this.boxes[index]) return;
    this._commit({ boxes: this.boxes.filter((_, i) => i !== index) });
    this._select(undefined);
  }

  /** Adds a copy of the selected box, slightly shifted, and selects the copy. */
  duplicateSelected() {
    const original = this._selected === undefined ? undefined : this.boxes[this._selected];
    if (!original) return;
    this._commit({ boxes: [...this.boxes, { ...original, box: duplicateOf(original.box, this._bounds) }] });
    this._select(this.boxes.length - 1);
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

  private _point = (event: PointerEvent): Point =>
    draw.imagePoint(this.renderRoot.querySelector('svg') as SVGSVGElement, event);

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
    const reach = draw.HANDLE_REACH * this._unit;
    this._drag = startDrag(this.boxes, this._selected, this.suggestions, this._point(event), reach);
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
      const slop = Math.max(minimumSide, tapSlop * this._unit);
      if (box[2] < slop && box[3] < slop) this._select(drag.box, drag.suggestion);
      else if (box[2] >= minimumSide && box[3] >= minimumSide) {
        this._commit({ boxes: [...this.boxes, { box, label: this.label }] });
        this._select(this.boxes.length - 1);
      }
      return;
    }
    const moved = this.boxes;
    if (moved[drag.index]?.box.every((v, k) => v === drag.original[k])) {
      // A tap on the selected box lets it go, so a new box can be drawn inside it.
      if (drag.kind === 'move') this._select(undefined);
      return;
    }
    this.boxes = withBox(moved, drag.index, drag.original);
    this._commit({ boxes: moved });
  }

  private readonly _onBoxFocus = (index: number) => this._select(index);
  private readonly _onSuggestionFocus = (index: number) => this._select(undefined, index);

  private _onKeyDown(event: KeyboardEvent) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) this.redo();
      else this.undo();
      return;
    }
    const suggestion = draw.focusedSuggestion(event);
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
      this.deleteSelected();
      this.focus();
    }
  }

  override render() {
    const drag = this._drag;
    const draft = drag?.kind === 'draw' ? boxFromDrag(drag.start, drag.current, this._bounds) : undefined;
    const { scale, x, y } = this._zoomPan.view;
    const unit = this._unit;
    return html`<div class="stage" style="transform: translate(${x}px, ${y}px) scale(${scale})">
      <img src=${this.src} alt="" draggable="false" />
      <svg viewBox="0 0 ${this.imageWidth} ${this.imageHeight}" preserveAspectRatio="none" role="listbox"
        aria-label=${msg('Boxes on this photo', { id: 'labeler.list' })}
        @pointerdown=${this._onPointerDown} @pointermove=${this._onPointerMove} @pointerup=${this._onPointerUp} @pointercancel=${this._onPointerUp}>
        ${this.highlight ? draw.renderHighlight(this.highlight, unit) : nothing}
        ${this.suggestions.map((s, i) => draw.renderSuggestion(s, i, i === this._picked, unit, this._onSuggestionFocus))}
        ${this.boxes.map((b, i) => draw.renderBox(b, i, i === this._selected, unit, this._onBoxFocus))}
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
