import { ContextConsumer } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { type DatasetSettings, loadDatasetSettings, saveDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import { requestPersistence } from '../../dataset/storage-status.ts';
import { describeError } from '../../shared/errors.ts';
import type { ReviewStartEvent } from '../../shared/review-start-event.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { type ContributorFilter, matchesContributor } from './contributor-filter.ts';
import { type GalleryFilter, matchesFilter } from './dataset-gallery.ts';
import { EditorViewController } from './editor-view-controller.ts';
import { FileIntakeController } from './file-intake-controller.ts';
import type { ImportReportValue } from './import-report.ts';
import type { LabelEditor } from './label-editor.ts';
import { labelPageStyles } from './label-page.styles.ts';
import { classesIn, renderBringIn, renderEditor, renderOpener } from './label-page-views.ts';
import type {
  ClassesChangeEvent,
  ContributorFilterEvent,
  EditorOpenEvent,
  GalleryFilterEvent,
  ImageDeleteEvent,
  ImageSavedEvent,
  ImageSelectEvent,
  NavigateEvent,
  SettingsChangeEvent,
  SuspectDecideEvent,
} from './labeling-events.ts';
import { ReviewController } from './review-controller.ts';
import { sendDataset } from './send-dataset.ts';
import './contributor-field.ts';
import './dataset-gallery.ts';
import './import-report.ts';
import './label-editor.ts';
import './split-settings.ts';
import './storage-meter.ts';
import { appUrl } from '../../shared/app-url.ts';
import { type DownloadProgress, fetchWithProgress } from '../../shared/download-progress.ts';
import { canShareZip } from '../../shared/send-file.ts';

/**
 * The labeling studio: bring photos in, label them one by one, see and split the whole dataset. On a
 * phone the editor opens as a view of its own (from the gallery, "label photos", or right after an
 * import); on a wide screen it sits on the page, scrolled into view when a photo is opened.
 */
export class LabelPage extends LitElement {
  static override properties = {
    _images: { state: true },
    _currentId: { state: true },
    _filter: { state: true },
    _contributorFilter: { state: true },
    _settings: { state: true },
    _report: { state: true },
    _busy: { state: true },
    _download: { state: true },
    _revision: { state: true },
  };
  static override styles = [pageStyles, labelPageStyles];

  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  private readonly _canShare = canShareZip();
  private readonly _view = new EditorViewController(this, (phone) => this._onEditorOpened(phone));
  private readonly _review = new ReviewController(this);
  private readonly _intake = new FileIntakeController(this, (files, options) => void this._importFiles(files, options));
  declare private _images: StoredImage[] | undefined;
  declare private _currentId: string | undefined;
  declare private _filter: GalleryFilter;
  declare private _contributorFilter: ContributorFilter;
  declare private _settings: DatasetSettings;
  declare private _report: ImportReportValue | undefined;
  declare private _busy: boolean;
  declare private _download: DownloadProgress | undefined;
  declare private _revision: number;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._filter = 'all';
    this._contributorFilter = 'all';
    this._settings = loadDatasetSettings();
    this._busy = false;
    this._revision = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this._reload();
  }

  private async _reload() {
    // The context arrives during connection; wait a microtask for the provider to answer.
    await this.updateComplete;
    const store = this._dataset.value;
    if (!store) return;
    this._images = await store.list();
    if (!this._images.some((image) => image.id === this._currentId)) {
      this._currentId = (
        this._images.find((image) => image.boxes.length === 0 && !image.negative) ?? this._images[0]
      )?.id;
    }
    if (!this._currentId && this._view.focused) this._view.close();
    this._revision++;
  }

  private _matches(image: StoredImage): boolean {
    return matchesFilter(image, this._filter, this._settings) && matchesContributor(image, this._contributorFilter);
  }

  private get _shown(): StoredImage[] {
    const images = this._images ?? [];
    if (this._review.active) return this._review.queue(images);
    return images.filter((image) => image.id === this._currentId || this._matches(image));
  }

  /** With a contributor chosen, the teacher can send that student's photos back; else the whole dataset. */
  private get _toSend(): StoredImage[] {
    const images = this._images ?? [];
    return this._contributorFilter === 'all' ? images : images.filter((image) => this._matches(image));
  }

  private _saveSettings(settings: DatasetSettings) {
    this._settings = settings;
    saveDatasetSettings(settings);
  }

  /** Photos and .zip datasets, in one transaction: all of them are stored, or none. */
  async _importFiles(files: readonly File[], { open = false, sample = false } = {}) {
    const store = this._dataset.value;
    if (!store || !files.length) return;
    this._busy = true;
    try {
      // The importers (zip, COCO, YOLO) load on the first import, not with the page.
      const { importFiles } = await import('../../dataset/import-files.ts');
      const { stored, skipped, duplicates } = await importFiles(files, store, this._settings.maxSide);
      const firstId = stored[0]?.id;
      this._report = { stored: stored.length, skipped, duplicates, sample, ...(firstId ? { firstId } : {}) };
      if (firstId) this._currentId = firstId;
      if (stored.length) void requestPersistence();
      if (open && firstId && !skipped.length) void this._open(firstId);
    } catch (error) {
      this._report = { error };
    } finally {
      this._busy = false;
      await this._reload();
    }
  }

  private async _importBundled(name: 'sample' | 'real') {
    this._busy = true;
    try {
      // Left out of the first visit (3–5 MB): downloaded now with progress, then kept by the service worker.
      const bytes = await fetchWithProgress(appUrl(`datasets/${name}.zip`), (progress) => (this._download = progress));
      this._download = undefined;
      await this._importFiles([new File([bytes], `${name}.zip`, { type: 'application/zip' })], { sample: true });
    } catch (error) {
      this._report = { error };
      this._download = undefined;
      this._busy = false;
    }
  }

  private async _send() {
    this._busy = true;
    try {
      await sendDataset(this._toSend, this._settings);
    } catch (error) {
      this._report = { error };
    } finally {
      this._busy = false;
    }
  }

  /** Opens the editor (on `id` when given): its own view on a phone, scrolled into view on a wide screen. */
  private async _open(id?: string) {
    if (id) this._currentId = id;
    await this._view.open();
  }

  private _onEditorOpened(phone: boolean) {
    const section = this.renderRoot.querySelector<HTMLElement>('section.editor');
    if (phone) {
      section
        ?.querySelector<LabelEditor>('label-editor')
        ?.renderRoot.querySelector<HTMLElement>('box-labeler')
        ?.focus();
      return;
    }
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    section?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
  }

  private _onSaved(event: ImageSavedEvent) {
    this._images = this._images?.map((image) => (image.id === event.detail.id ? event.detail : image));
  }

  private _onNavigate(event: NavigateEvent) {
    const shown = this._shown;
    const index = shown.findIndex((image) => image.id === this._currentId);
    const next = shown[index + event.detail];
    if (next) this._currentId = next.id;
  }

  private async _onDelete(event: ImageDeleteEvent) {
    const store = this._dataset.value;
    if (!store) return;
    const image = event.detail;
    const shown = this._shown;
    const index = shown.findIndex((candidate) => candidate.id === image.id);
    await store.delete(image.id);
    this._currentId = (shown[index + 1] ?? shown[index - 1])?.id;
    await this._reload();
    const outcome = await this._toasts.value?.show(msg('Photo deleted.', { id: 'label.deleted' }), {
      action: msg('Undo', { id: 'editor.undo' }),
      timeout: 8000,
    });
    if (outcome === 'action') {
      await store.put(image);
      this._currentId = image.id;
      await this._reload();
    }
  }

  private _renderBringIn() {
    return renderBringIn({
      dragging: this._intake.dragging,
      busy: this._busy,
      count: this._images?.length,
      sending: this._toSend.length,
      canShare: this._canShare,
      sendAll: this._contributorFilter === 'all',
      download: this._download,
      report: this._report,
      pick: this._intake.onPick,
      importBundled: (name) => this._importBundled(name),
      send: () => this._send(),
    });
  }

  private async _onDecide(event: SuspectDecideEvent) {
    const store = this._dataset.value;
    const image = this._images?.find((candidate) => candidate.id === event.detail.suspect.imageId);
    if (!store || !image || !this._images) return;
    try {
      const { suspect, action } = event.detail;
      const { image: fixed, next } = await this._review.decide(store, this._images, image, suspect, action);
      this._images = this._images.map((candidate) => (candidate.id === fixed.id ? fixed : candidate));
      if (next) this._currentId = next;
      else this._finishReview();
    } catch (error) {
      await this._toasts.value?.show(describeError('dataset', error), { tone: 'error' });
    }
  }

  private _finishReview() {
    this._review.stop();
    if (this._view.focused) this._view.close();
    void this._toasts.value?.show(msg('Review done: nothing left to look at.', { id: 'review.done' }));
  }

  override render() {
    const images = this._images ?? [];
    const shown = this._shown;
    const index = shown.findIndex((image) => image.id === this._currentId);
    const current = shown[index];
    // Behind the phone's editor view the page is inert: no focus, no screen reader, no stray taps.
    const inert = this._view.covering;
    return html`
      <div @dragover=${this._intake.onDragOver} @dragleave=${this._intake.onDragLeave} @drop=${this._intake.onDrop}
        @tama-image-select=${(event: ImageSelectEvent) => this._open(event.detail)}
        @tama-editor-open=${(event: EditorOpenEvent) => this._open(event.detail)}
        @tama-gallery-filter=${(event: GalleryFilterEvent) => {
          this._filter = event.detail as GalleryFilter;
        }}
        @tama-contributor-filter=${(event: ContributorFilterEvent) => {
          this._contributorFilter = event.detail;
        }}
        @tama-image-saved=${this._onSaved} @tama-navigate=${this._onNavigate} @tama-image-delete=${this._onDelete}
        @tama-classes-change=${(event: ClassesChangeEvent) => this._saveSettings({ ...this._settings, classes: event.detail })}
        @tama-review-start=${(event: ReviewStartEvent) => {
          this._review.start();
          void this._open(event.detail[0]);
        }}
        @tama-suspect-decide=${this._onDecide} @tama-review-end=${() => this._review.stop()}>
        <div class="intro" ?inert=${inert}>
          <h1>${msg('Labeling', { id: 'label.title' })}</h1>
          <p class="lead">${msg('Build your own ball dataset: take photos and draw a box around every ball.', { id: 'label.lead' })}</p>
          ${this._renderBringIn()}
        </div>
        ${
          current
            ? this._view.phone && !this._view.focused
              ? renderOpener(images, index + 1, shown.length, () => this._open())
              : renderEditor({
                  current,
                  previous: images[images.indexOf(current) - 1],
                  classes: classesIn(this._settings.classes, images),
                  position: index + 1,
                  total: shown.length,
                  covering: inert,
                  close: () => this._view.close(),
                  suspects: this._review.suspectsOf(current.id, images),
                  reviewLeft: this._review.active ? shown.length : 0,
                })
            : nothing
        }
        ${
          images.length
            ? html`<section class="card" ?inert=${inert}>
              <h2>${msg('Your dataset', { id: 'label.gallery.title' })}</h2>
              <dataset-gallery .images=${images} .split=${this._settings} .filter=${this._filter}
                contributor-filter=${this._contributorFilter}
                selected-id=${this._currentId ?? ''}></dataset-gallery>
              <split-settings .settings=${this._settings}
                @tama-settings-change=${(event: SettingsChangeEvent) => this._saveSettings(event.detail)}></split-settings>
              <storage-meter .revision=${this._revision}></storage-meter>
            </section>
            <label-check-card .images=${images} ?inert=${inert}></label-check-card>`
            : nothing
        }
      </div>
    `;
  }
}

customElements.define('label-page', LabelPage);

declare global {
  interface HTMLElementTagNameMap {
    'label-page': LabelPage;
  }
}
