// The editor's folded "More tools": a new class, suggestions on every photo, deleting the photo, and
// how to use the labeler — what is needed now and then, kept out of the thumb's way.
import { msg } from '@lit/localize';
import { html } from 'lit';

export interface MoreToolsActions {
  addClass(event: SubmitEvent): void;
  autoSuggest(event: Event): void;
  deletePhoto(): void;
}

export function renderMoreTools(state: { autoSuggest: boolean }, act: MoreToolsActions) {
  return html`<details class="more">
    <summary>${msg('More tools', { id: 'editor.more' })}</summary>
    <form class="actions" @submit=${act.addClass}>
      <input type="text" name="class" maxlength="40" placeholder=${msg('New class, e.g. テニスボール', { id: 'editor.class.placeholder' })}
        aria-label=${msg('New class name', { id: 'editor.class.new' })} />
      <button type="submit">${msg('Add class', { id: 'editor.class.add' })}</button>
    </form>
    <label class="toggle"><input type="checkbox" .checked=${state.autoSuggest} @change=${act.autoSuggest} />
      ${msg('Suggest on every unlabeled photo', { id: 'editor.suggest.auto' })}</label>
    <div class="actions">
      <button class="danger" @click=${act.deletePhoto}>
        ${msg('Delete photo', { id: 'editor.delete' })}</button>
    </div>
    <p class="hint">${msg('Drag anywhere to draw a box, even beside another one. Tap a box to select it: drag its inside to move it, its round handles to resize it. Tap a dashed suggestion to accept or reject it. Two fingers zoom. Keys: Tab selects boxes, arrows nudge, shift+arrows resize, Delete removes, ctrl+Z undo, N / P next / previous, A accept all, + / − zoom.', { id: 'editor.hint' })}</p>
  </details>`;
}
