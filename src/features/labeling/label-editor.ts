import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { DEFAULT_CLASS } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import { modelStoreContext } from '../../model/model-store.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { describeError } from '../../shared/errors.ts';
import { defineSetting, isBoolean } from '../../shared/settings.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { trackWork } from '../../shared/work-in-progress.ts';
import { withPreviousBoxes } from './box-edits.ts';
import type { BoxLabeler } from './box-labeler.ts';
import type { BoxesChangeEvent } from './boxes-change-event.ts';
import { icons } from './editor-icons.ts';
import { labelEditorStyles } from './label-editor.styles.ts';
import { renderBottomBar, renderToolRow } from './label-editor-bars.ts';
import { renderMoreTools } from './label-editor-more.ts';
import {
  ClassesChangeEvent,
  EditorCloseEvent,
  ImageDeleteEvent,
  ImageSavedEvent,
  NavigateEvent,
} from './labeling-events.ts';
import type { LabelerSelection, SelectionChangeEvent } from './selection-change-event.ts';
import { type Suggestion, suggestionsFrom } from './suggestion.ts';
import { SuggestionSource } from './suggestion-source.ts';
import type { SuggestionsChangeEvent } from './suggestions-change-event.ts';
import './box-labeler.ts';
import './suspect-review.ts';

type SuggestState = 'idle' | 'running' | 'done' | 'failed';
const autoSuggestSetting = defineSetting('auto-suggest', {
  version: 1,
  fallback: true,
  parse: isBoolean,
  legacyKey: 'tama-lab:auto-suggest',
});

/**
 * One photo at a time: the photo on top, then the model's suggestions, the tools for the picked box or
 * suggestion, and a bottom bar (previous/next, undo/redo, delete, accept all, no ball) — on a phone a
 * full-screen column with the bar under the thumb, on a wide screen the photo beside its tools, both
 * fitting the viewport. Less frequent tools (new class, auto-suggest, delete photo) are folded away.
 * Every change is stored at once.
 * @fires tama-image-saved - after a change was stored
 * @fires tama-navigate - previous / next photo
 * @fires tama-image-delete - the user asked to delete this photo
 * @fires tama-classes-change - the user added a class
 * @fires tama-editor-close - the close button (shown with `closable`) was pressed
 */
export class LabelEditor extends LitElement {
  static override properties = {
    image: { attribute: false },
    previous: { attribute: false },
    classes: { attribute: false },
    position: { type: Number },
    total: { type: Number },
    closable: { type: Boolean },
    suspects: { attribute: false },
    reviewLeft: { type: Number },
    _url: { state: true },
    _selection: { state: true },
    _label: { state: true },
    _suggestions: { state: true },
    _suggestState: { state: true },
    _suggestError: { state: true },
    _autoSuggest: { state: true },
  };
  static override styles = [pageStyles, labelEditorStyles];

  declare image: StoredImage | undefined;
  declare previous: StoredImage | undefined;
  declare classes: string[];
  declare position: number;
  declare total: number;
  /** Shows a close button: the editor is a view of its own (on phones). */
  declare closable: boolean;
  /** In the label check's review: this photo's pending suspects, and the photos left in the queue. */
  declare suspects: PhotoSuspect[];
  declare reviewLeft: number;
  declare private _url: string;
  declare private _selection: LabelerSelection;
  declare private _label: string;
  declare private _suggestions: Suggestion[];
  declare private _suggestState: SuggestState;
  declare private _suggestError: string;
  declare private _autoSuggest: boolean;
  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _backend = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _source = new SuggestionSource();
  /** Writes are chained so a fast sequence of edits lands in order. */
  private _saving: Promise<void> = Promise.resolve();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.classes = [DEFAULT_CLASS];
    this.position = 0;
    this.total = 0;
    this.closable = false;
    this.suspects = [];
    this.reviewLeft = 0;
    this._url = '';
    this._selection = {};
    this._label = DEFAULT_CLASS;
    this._suggestions = [];
    this._suggestState = 'idle';
    this._suggestError = '';
    this._autoSuggest = autoSuggestSetting.get();
    this.addEventListener('keydown', (event) => this._onKeyDown(event));
    trackWork(this, 'labeling', () => true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this._url) URL.revokeObjectURL(this._url);
    this._url = '';
    this._source.dispose();
  }

  private get _labeler(): BoxLabeler | null {
    return this.renderRoot.querySelector('box-labeler');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const previousImage = changed.get('image') as StoredImage | undefined;
    if (changed.has('image') && previousImage?.id !== this.image?.id) {
      if (this._url) URL.revokeObjectURL(this._url);
      this._url = this.image ? URL.createObjectURL(this.image.blob) : '';
      this._suggestions = [];
      this._selection = {};
      this._suggestState = 'idle';
      const image = this.image;
      if (image && this._autoSuggest && image.boxes.length === 0 && !image.negative) void this._suggest();
    }
    if (changed.has('classes') && !this.classes.includes(this._label)) this._label = this.classes[0] ?? DEFAULT_CLASS;
  }

  private async _suggest() {
    const image = this.image;
    if (!image) return;
    this._suggestState = 'running';
    try {
      const detections = await this._source.detect(image.blob, this._backend.value, this._models.value);
      if (this.image?.id !== image.id) return;
      // A fine-tuned model names its own classes; COCO's "sports ball" becomes the chosen class.
      const own = detections.filter((d) => this.classes.includes(d.label));
      const others = detections.filter((d) => !this.classes.includes(d.label));
      this._suggestions = [
        ...suggestionsFrom(others, this.image.boxes, this._label),
        ...own.flatMap((d) => suggestionsFrom([d], this.image?.boxes ?? [], d.label)),
      ];
      this._suggestState = 'done';
    } catch (error) {
      if (this.image?.id !== image.id) return;
      this._suggestError = describeError('model', error);
      this._suggestState = 'failed';
    }
  }

  private _save(change: Partial<StoredImage>) {
    const current = this.image;
    const store = this._dataset.value;
    if (!current || !store) return;
    const next: StoredImage = { ...current, ...change };
    this.image = next;
    this._saving = this._saving.then(async () => {
      try {
        await store.put(next);
        this.dispatchEvent(new ImageSavedEvent(next));
      } catch (error) {
        await this._toasts.value?.show(describeError('dataset', error), { tone: 'error' });
      }
    });
  }

  private _onBoxes(event: BoxesChangeEvent) {
    // Drawing a box on a photo marked "no ball" means it has a ball after all.
    this._save({ boxes: event.detail, negative: event.detail.length ? false : (this.image?.negative ?? false) });
  }

  private _onSuggestions(event: SuggestionsChangeEvent) {
    this._suggestions = event.detail;
  }

  private _onSelection(event: SelectionChangeEvent) {
    this._selection = event.detail;
    // The class menu shows the picked box's class, which also becomes the class of the next new box.
    const box = event.detail.box === undefined ? undefined : this.image?.boxes[event.detail.box];
    if (box) this._label = box.label;
  }

  private _onKeyDown(event: KeyboardEvent) {
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'n' || key === 'p') {
      event.preventDefault();
      this.dispatchEvent(new NavigateEvent(key === 'n' ? 1 : -1));
    } else if (key === 'a' && this._suggestions.length) {
      event.preventDefault();
      this._labeler?.acceptSuggestions();
    }
  }

  private _onClass(event: Event) {
    this._label = (event.target as HTMLSelectElement).value;
    this._labeler?.relabelSelected(this._label);
  }

  private _onAddClass(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('class') as HTMLInputElement;
    const name = input.value.trim().slice(0, 40);
    input.value = '';
    if (!name) return;
    if (!this.classes.includes(name)) this.dispatchEvent(new ClassesChangeEvent([...this.classes, name]));
    this._label = name;
    this._labeler?.relabelSelected(name);
  }

  private _onNegative(event: Event) {
    this._save({ negative: (event.target as HTMLInputElement).checked });
  }

  private _onAutoSuggest(event: Event) {
    this._autoSuggest = (event.target as HTMLInputElement).checked;
    autoSuggestSetting.set(this._autoSuggest);
    if (this._autoSuggest && this._suggestState === 'idle') void this._suggest();
  }

  private _copyFromPrevious() {
    if (this.previous && this.image) this._labeler?.replaceBoxes(withPreviousBoxes(this.image, this.previous));
  }

  private _renderSuggestions() {
    const count = this._suggestions.length;
    const status = {
      idle: msg('Ask the model where the balls are.', { id: 'editor.suggest.idle' }),
      running: msg('The model is looking…', { id: 'editor.suggest.running' }),
      done: count
        ? msg(str`The model proposes ${count} boxes (dashed): tap one to accept or reject it.`, {
            id: 'editor.suggest.done',
          })
        : msg('No more proposals from the model.', { id: 'editor.suggest.none' }),
      failed: this._suggestError,
    }[this._suggestState];
    return html`<div class="suggest" data-suggest-state=${this._suggestState} data-suggestions=${count}>
      <span role="status" class=${this._suggestState === 'failed' ? 'error' : ''}>${status}</span>
      ${count ? html`<button data-reject-all @click=${() => this._labeler?.rejectSuggestions()}>${msg('Reject all', { id: 'editor.suggest.rejectAll' })}</button>` : nothing}
      ${
        count || this._suggestState === 'running'
          ? nothing
          : html`<button data-suggest @click=${() => this._suggest()}>${msg('Suggest boxes', { id: 'editor.suggest.run' })}</button>`
      }
    </div>`;
  }

  override render() {
    const image = this.image;
    if (!image) return nothing;
    const labeler = () => this._labeler;
    const selection = this._selection;
    const classes = this.classes.includes(this._label) ? this.classes : [...this.classes, this._label];
    return html`
      <div class="top">
        ${
          this.closable
            ? html`<button class="close" data-close @click=${() => this.dispatchEvent(new EditorCloseEvent())}
              aria-label=${msg('Back to the photo list', { id: 'editor.close' })}>${icons.back}</button>`
            : nothing
        }
        <span class="position" aria-live="polite" data-position=${this.position}>${this.position} / ${this.total}</span>
        <button class="fit" @click=${() => labeler()?.resetZoom()}>${icons.fit}${msg('Fit', { id: 'editor.fit' })}</button>
      </div>
      <div class="photo" style="--ratio: ${image.width / image.height}">
        <box-labeler .src=${this._url} .imageWidth=${image.width} .imageHeight=${image.height} .boxes=${image.boxes}
          .suggestions=${this._suggestions} .label=${this._label} .highlight=${this.suspects[0]?.box}
          @tama-boxes-change=${this._onBoxes} @tama-suggestions-change=${this._onSuggestions}
          @tama-selection-change=${this._onSelection}></box-labeler>
      </div>
      ${
        this.suspects.length
          ? html`<suspect-review .suspects=${this.suspects} .image=${image.blob} left=${this.reviewLeft}></suspect-review>`
          : nothing
      }
      ${renderMoreTools(
        { autoSuggest: this._autoSuggest },
        {
          addClass: (event) => this._onAddClass(event),
          autoSuggest: (event) => this._onAutoSuggest(event),
          deletePhoto: () => this.dispatchEvent(new ImageDeleteEvent(image)),
        },
      )}
      ${this._renderSuggestions()}
      ${renderToolRow(
        {
          selection,
          suggestion: selection.suggestion === undefined ? undefined : this._suggestions[selection.suggestion],
          classes,
          label: this._label,
          canCopyPrevious: Boolean(this.previous?.boxes.length),
        },
        {
          accept: () => selection.suggestion !== undefined && labeler()?.acceptSuggestions([selection.suggestion]),
          reject: () => selection.suggestion !== undefined && labeler()?.rejectSuggestions([selection.suggestion]),
          duplicate: () => labeler()?.duplicateSelected(),
          copyPrevious: () => this._copyFromPrevious(),
          chooseClass: (event) => this._onClass(event),
        },
      )}
      ${renderBottomBar(
        { image, position: this.position, total: this.total, selection, suggestions: this._suggestions.length },
        {
          navigate: (step) => this.dispatchEvent(new NavigateEvent(step)),
          undo: () => labeler()?.undo(),
          redo: () => labeler()?.redo(),
          deleteBox: () => labeler()?.deleteSelected(),
          acceptAll: () => labeler()?.acceptSuggestions(),
          negative: (event) => this._onNegative(event),
        },
      )}
    `;
  }
}

customElements.define('label-editor', LabelEditor);

declare global {
  interface HTMLElementTagNameMap {
    'label-editor': LabelEditor;
  }
}
