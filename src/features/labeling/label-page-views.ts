// The Label page's two ways of showing the editor: on the page (wide screens) or as a view covering a
// phone's screen; and, on a phone while that view is closed, the card that leads into it.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { labelStateOf } from '../../dataset/split.ts';

/** In the editor's place on a phone: how much is left to label, and the way in. */
export function renderOpener(images: readonly StoredImage[], position: number, total: number, open: () => void) {
  const left = images.filter((image) => labelStateOf(image) === 'unlabeled').length;
  return html`<section class="card opener">
    <h2>${msg('Label a photo', { id: 'label.editor' })}</h2>
    <p>${msg(str`${left} of ${images.length} photos have no boxes yet.`, { id: 'label.opener.left' })}</p>
    <button class="primary" data-open-editor @click=${open}>
      ${msg(str`Label photos (${position} / ${total})`, { id: 'label.opener.open' })}</button>
  </section>`;
}

export interface EditorView {
  current: StoredImage;
  previous: StoredImage | undefined;
  classes: string[];
  position: number;
  total: number;
  /** A phone's full-screen view: a modal dialog that Escape or its close button leaves. */
  covering: boolean;
  close: () => void;
}

export function renderEditor(view: EditorView) {
  const { covering } = view;
  return html`<section class="card editor ${covering ? 'covering' : ''}" aria-label=${msg('Label a photo', { id: 'label.editor' })}
    role=${covering ? 'dialog' : nothing} aria-modal=${covering ? 'true' : nothing}
    @keydown=${(event: KeyboardEvent) => {
      if (covering && event.key === 'Escape') view.close();
    }}
    @tama-editor-close=${view.close}>
    <label-editor .image=${view.current} .previous=${view.previous} .classes=${view.classes}
      .position=${view.position} .total=${view.total} ?closable=${covering}></label-editor>
  </section>`;
}
