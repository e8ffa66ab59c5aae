// The Label page's views: the card that brings photos in; the editor shown on the page (wide screens) or
// as a view covering a phone's screen; and, on a phone while that view is closed, the card leading into it.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import { labelStateOf } from '../../dataset/split.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import { appUrl } from '../../shared/app-url.ts';
import type { DownloadProgress } from '../../shared/download-progress.ts';
import type { ImportReportValue } from './import-report.ts';
import { sendLabel } from './send-dataset.ts';

/** The classes to offer: the ones the user added, then those an imported dataset brought along. */
export const classesIn = (added: readonly string[], images: readonly StoredImage[]): string[] => [
  ...new Set([...added, ...images.flatMap((image) => image.boxes.map((box) => box.label))]),
];

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
  /** In the label check's review: the photo's pending suspects, and how many photos are left. */
  suspects: PhotoSuspect[];
  reviewLeft: number;
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
      .position=${view.position} .total=${view.total} ?closable=${covering}
      .suspects=${view.suspects} reviewLeft=${view.reviewLeft}></label-editor>
  </section>`;
}

export interface BringIn {
  dragging: boolean;
  busy: boolean;
  /** Photos in the dataset, once known. */
  count: number | undefined;
  /** Photos the send button sends (all, or the chosen student's). */
  sending: number;
  canShare: boolean;
  sendAll: boolean;
  download: DownloadProgress | undefined;
  report: ImportReportValue | undefined;
  pick(event: Event): void;
  importBundled(name: 'sample' | 'real'): void;
  send(): void;
}

/** The card that brings photos in: camera, files, the bundled datasets, sending, the import's report. */
export function renderBringIn(view: BringIn) {
  const { busy, sending, download, count } = view;
  return html`<section class="card drop ${view.dragging ? 'dragging' : ''}">
    <h2>${msg('Add photos', { id: 'label.add.title' })}</h2>
    <p>${msg('Take photos, pick them, drop them here or paste them. A .zip in COCO or YOLO format brings its boxes along.', { id: 'label.add.lead' })}</p>
    <div class="actions">
      <label class="button">${msg('Take a photo', { id: 'label.add.camera' })}
        <input type="file" accept="image/*" capture="environment" ?disabled=${busy} @change=${view.pick} />
      </label>
      <label class="button">${msg('Choose photos or .zip', { id: 'label.add.pick' })}
        <input type="file" multiple accept="image/*,.zip,application/zip" data-import ?disabled=${busy} @change=${view.pick} />
      </label>
      <button data-sample ?disabled=${busy} @click=${() => view.importBundled('sample')}>${msg('Add the sample ball dataset', { id: 'label.importSample' })}</button>
      <button data-real-sample ?disabled=${busy} @click=${() => view.importBundled('real')}>${msg('Add real ball photos (158)', { id: 'label.importReal' })}</button>
      <button ?disabled=${busy || !sending} data-export data-send-count=${sending} @click=${view.send}>${sendLabel(view.canShare, view.sendAll ? 'all' : sending)}</button>
    </div>
    <p>${msg('The real photos are CC BY 4.0:', { id: 'label.realCredits' })} <a href=${appUrl('about')}>${msg('credits', { id: 'label.realCreditsLink' })}</a></p>
    <contributor-field></contributor-field>
    ${busy ? html`<progress data-busy max=${download?.total ?? nothing} value=${download?.total ? download.loaded : nothing} aria-label=${msg('Working…', { id: 'label.busy' })}></progress>` : nothing}
    <import-report .report=${view.report}></import-report>
    <p data-dataset-count=${count ?? ''}>${msg(str`Photos in your dataset on this device: ${count ?? '…'}`, { id: 'label.count' })}</p>
  </section>`;
}
