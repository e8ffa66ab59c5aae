// The editor's controls within thumb reach: the bottom bar (◀ ▶, undo/redo, delete, accept all, no
// ball) and, above it, the tools for what is picked on the photo — a box (class, duplicate) or a
// suggestion (✓ accept, ✕ reject) — or, with nothing picked, the class of new boxes.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { icons } from './editor-icons.ts';
import type { LabelerSelection } from './selection-change-event.ts';
import type { Suggestion } from './suggestion.ts';

export interface BarState {
  image: StoredImage;
  position: number;
  total: number;
  selection: LabelerSelection;
  suggestions: number;
}

export interface BarActions {
  navigate(step: 1 | -1): void;
  undo(): void;
  redo(): void;
  deleteBox(): void;
  acceptAll(): void;
  negative(event: Event): void;
}

export function renderBottomBar(state: BarState, act: BarActions) {
  const { image, selection, suggestions } = state;
  return html`<div class="bar" role="toolbar" aria-label=${msg('Photo tools', { id: 'editor.bar' })}>
    <button data-nav="previous" ?disabled=${state.position <= 1} @click=${() => act.navigate(-1)}
      aria-label=${msg('Prev: previous photo (P)', { id: 'editor.previous' })}>${icons.previous}<span>${msg('Prev', { id: 'editor.bar.previous' })}</span></button>
    <button data-undo @click=${act.undo}>${icons.undo}<span>${msg('Undo', { id: 'editor.undo' })}</span></button>
    <button data-redo @click=${act.redo}>${icons.redo}<span>${msg('Redo', { id: 'editor.redo' })}</span></button>
    <button data-delete-box ?disabled=${selection.box === undefined} @click=${act.deleteBox}
      aria-label=${msg('Delete the selected box', { id: 'editor.box.delete' })}>${icons.trash}<span>${msg('Delete', { id: 'editor.box.deleteShort' })}</span></button>
    <button data-accept-all ?disabled=${!suggestions} @click=${act.acceptAll}
      aria-label=${msg(str`Accept all (${suggestions})`, { id: 'editor.suggest.acceptAll' })}>${icons.checks}<span>${msg('Accept all', { id: 'editor.suggest.acceptAllShort' })}</span></button>
    <label class="negative"><input type="checkbox" data-negative .checked=${image.negative} ?disabled=${image.boxes.length > 0}
      @change=${act.negative} /><span>${msg('No ball', { id: 'editor.negativeShort' })}</span></label>
    <button data-nav="next" ?disabled=${state.position >= state.total} @click=${() => act.navigate(1)}
      aria-label=${msg('Next photo (N)', { id: 'editor.next' })}>${icons.next}<span>${msg('Next', { id: 'editor.bar.next' })}</span></button>
  </div>`;
}

export interface ToolState {
  selection: LabelerSelection;
  suggestion: Suggestion | undefined;
  classes: readonly string[];
  label: string;
  canCopyPrevious: boolean;
}

export interface ToolActions {
  accept(): void;
  reject(): void;
  duplicate(): void;
  copyPrevious(): void;
  chooseClass(event: Event): void;
}

/** One row whose buttons change with what is picked; it keeps its height so the photo never jumps. */
export function renderToolRow(state: ToolState, act: ToolActions) {
  const { selection, suggestion } = state;
  if (selection.suggestion !== undefined && suggestion) {
    const percent = Math.round(suggestion.score * 100);
    return html`<div class="tools" data-tools="suggestion">
      <span class="what">${msg(str`Suggested box, ${percent} %`, { id: 'editor.picked' })}</span>
      <button class="accept" data-accept-one @click=${act.accept}
        aria-label=${msg('Accept this suggestion', { id: 'editor.picked.accept' })}>${icons.check}${msg('Accept', { id: 'editor.picked.acceptShort' })}</button>
      <button class="reject" data-reject-one @click=${act.reject}
        aria-label=${msg('Reject this suggestion', { id: 'editor.picked.reject' })}>${icons.cross}${msg('Reject', { id: 'editor.picked.rejectShort' })}</button>
    </div>`;
  }
  const box = selection.box !== undefined;
  return html`<div class="tools" data-tools=${box ? 'box' : 'none'}>
    <label>${box ? msg('Class of this box', { id: 'editor.class.box' }) : msg('Class of new boxes', { id: 'editor.class' })}
      <select data-class .value=${state.label} @change=${act.chooseClass}>
        ${state.classes.map((name) => html`<option ?selected=${name === state.label}>${name}</option>`)}
      </select>
    </label>
    ${
      box
        ? html`<button data-duplicate @click=${act.duplicate}>${icons.duplicate}${msg('Duplicate', { id: 'editor.box.duplicate' })}</button>`
        : state.canCopyPrevious
          ? html`<button data-copy-previous @click=${act.copyPrevious}>${msg('Copy boxes from previous photo', { id: 'editor.copyPrevious' })}</button>`
          : nothing
    }
  </div>`;
}
