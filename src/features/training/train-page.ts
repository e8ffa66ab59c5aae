import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import { activeModel, modelStoreContext } from '../../model/model-store.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import {
  buildTrainedModel,
  fetchTrainedModel,
  type TrainedModel,
  type TrainSettings,
} from '../../model/trained-model.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import type { BackendChoice } from '../../shared/backend/backends.ts';
import { formatDuration, formatRemaining } from '../../shared/format-duration.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { trainPageStyles } from './train-page.styles.ts';
import { defaultViewsPerPhoto, trainingData } from './training-data.ts';
import type { TrainingProgress } from './training-progress.ts';
import { TrainingRunController } from './training-run-controller.ts';
import './learning-curve.ts';
import './model-comparison.ts';
import './trained-model-list.ts';
import '../../shared/backend/backend-select.ts';

/** The training section: fine-tune the detector on the user's dataset in a worker, watch it learn. */
export class TrainPage extends LitElement {
  static override properties = {
    _images: { state: true },
    _classes: { state: true },
    _epochs: { state: true },
    _copies: { state: true },
    _learningRate: { state: true },
    _backend: { state: true },
    _result: { state: true },
    _revision: { state: true },
  };
  static override styles = [pageStyles, trainPageStyles];

  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _backendInfo = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  private readonly _run = new TrainingRunController(this);
  declare private _images: StoredImage[] | undefined;
  declare private _classes: string[] | undefined;
  declare private _epochs: number;
  /** Undefined until the user picks: then it follows the dataset's size. */
  declare private _copies: number | undefined;
  declare private _learningRate: number;
  declare private _backend: BackendChoice | 'app';
  declare private _result: TrainedModel | undefined;
  declare private _revision: number;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._epochs = 20;
    this._learningRate = 0.001;
    this._backend = 'app';
    this._revision = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.updateComplete.then(async () => {
      this._images = (await this._dataset.value?.list()) ?? [];
    });
  }

  private get _data() {
    return trainingData(this._images ?? [], loadDatasetSettings(), this._classes);
  }

  private _chosenClasses(): string[] {
    const available = Object.keys(this._data.classes).sort();
    return this._classes?.filter((c) => available.includes(c)) ?? available;
  }

  private async _start() {
    const classes = this._chosenClasses();
    const data = trainingData(this._images ?? [], loadDatasetSettings(), classes);
    if (!classes.length || !data.train.some((image) => image.boxes.length)) return;
    const settings: TrainSettings = {
      classes,
      epochs: this._epochs,
      batchSize: 8,
      learningRate: this._learningRate,
      augmentCopies: this._copies ?? defaultViewsPerPhoto(data.train.length),
      patience: 5,
      seed: loadDatasetSettings().seed,
      base: DEFAULT_MODEL_VARIANT,
    };
    const backend = this._backend === 'app' ? (this._backendInfo.value?.preference ?? 'auto') : this._backend;
    this._result = undefined;
    const request = {
      train: data.train,
      val: data.val,
      settings,
      backend,
      modelUrl: new URL(modelUrl(settings.base), location.href).href,
      // Start from the app's ball model: epoch 0 already finds balls, the photos teach the rest.
      start: await fetchTrainedModel(ballModelUrl()),
    };
    const model = await this._run.start(request, async (outcome) => {
      const model = buildTrainedModel(outcome, settings, `${classes.join(' + ')} · ${new Date().toLocaleString()}`);
      await this._models.value?.put(model);
      this._result = model;
      this._revision++;
      return model;
    });
    if (!model) return;
    const outcomeOfToast = await this._toasts.value?.show(
      msg('Training finished: the model is saved on this device.', { id: 'train.saved' }),
      {
        action: msg('Use it', { id: 'train.use' }),
        timeout: 8000,
      },
    );
    if (outcomeOfToast === 'action') activeModel.set(model.meta.id);
  }

  private _renderError() {
    if (this._run.state !== 'failed') return nothing;
    return html`<p class="error" role="alert">${
      this._run.error instanceof StorageFullError
        ? msg('The device storage is full: the model could not be saved.', { id: 'train.full' })
        : errorMessage('model', this._run.error)
    }</p>`;
  }

  private _phaseText(progress: TrainingProgress): string {
    switch (progress.phase) {
      case 'loading':
        return msg('Loading the model in the training worker…', { id: 'train.phase.loading' });
      case 'features':
        return msg('Looking at your photos (features of each view)…', { id: 'train.phase.features' });
      case 'training':
        return msg(str`Epoch ${progress.epoch ?? 0} of ${this._epochs}`, { id: 'train.phase.training' });
      case 'done':
        return msg('Done', { id: 'train.phase.done' });
    }
  }

  private _renderDataset() {
    const images = this._images;
    if (!images) return html`<p>${msg('Reading your dataset…', { id: 'train.dataset.loading' })}</p>`;
    const data = this._data;
    const available = Object.keys(data.classes).sort();
    const chosen = this._chosenClasses();
    const canTrain = chosen.length > 0 && data.train.some((image) => image.boxes.length);
    return html`<section class="card" data-train=${data.train.length} data-val=${data.val.length}>
      <h2>${msg('Your dataset', { id: 'train.dataset.title' })}</h2>
      <p>${msg(str`${data.train.length} photos to train on, ${data.val.length} to validate with (${data.negatives} of them "no ball"); ${data.unlabeled} unlabeled photos are left out.`, { id: 'train.dataset.counts' })}</p>
      ${
        available.length
          ? html`<fieldset class="actions">
            <legend>${msg('Classes to learn', { id: 'train.classes' })}</legend>
            ${available.map(
              (
                name,
              ) => html`<label><input type="checkbox" .checked=${chosen.includes(name)} ?disabled=${this._run.active}
                @change=${(event: Event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  this._classes = on ? [...chosen, name] : chosen.filter((c) => c !== name);
                }} />${name} (${data.classes[name]})</label>`,
            )}
          </fieldset>`
          : nothing
      }
      ${
        canTrain
          ? nothing
          : html`<p class="error" role="alert" data-cannot-train>${msg('Nothing to learn yet: label some balls on the Label page first (or add the sample dataset there).', { id: 'train.dataset.empty' })}</p>`
      }
      ${data.val.length ? nothing : html`<p>${msg('No validation photos: the last epoch is kept and no mAP is measured. Raise the validation share on the Label page.', { id: 'train.dataset.noVal' })}</p>`}
    </section>`;
  }

  private _renderControls() {
    const running = this._run.active;
    const data = this._images ? this._data : undefined;
    const canTrain = !!data && this._chosenClasses().length > 0 && data.train.some((image) => image.boxes.length);
    return html`<section class="card settings">
      <h2>${msg('Fine-tune', { id: 'train.run.title' })}</h2>
      <p class="lead">${msg("The COCO-SSD backbone stays frozen; its box and class heads learn your balls, starting from the app's ball model (epoch 0 is exactly that model).", { id: 'train.run.how' })}</p>
      <div class="actions">
        <label>${msg('Epochs', { id: 'train.epochs' })}
          <input type="number" min="1" max="200" .value=${String(this._epochs)} ?disabled=${running}
            @change=${(e: Event) => {
              this._epochs = Math.min(200, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 20)));
            }} /></label>
        <label>${msg('Learning rate', { id: 'train.lr' })}
          <select ?disabled=${running} @change=${(e: Event) => {
            this._learningRate = Number((e.target as HTMLSelectElement).value);
          }}>
            ${[0.0003, 0.001, 0.003].map((lr) => html`<option value=${lr} ?selected=${lr === this._learningRate}>${lr}</option>`)}
          </select></label>
        <label>${msg('Backend', { id: 'train.backend' })}
          <backend-select allow-app .value=${this._backend} ?disabled=${running} @change=${(e: Event) => {
            this._backend = (e.target as HTMLSelectElement).value as BackendChoice | 'app';
          }}></backend-select></label>
      </div>
      <div class="actions">
        <label>${msg('Views per photo', { id: 'train.copies' })}
          <input type="number" min="1" max="16" aria-describedby="views-hint" data-views
            .value=${data ? String(this._copies ?? defaultViewsPerPhoto(data.train.length)) : ''} ?disabled=${running || !data}
            @change=${(e: Event) => {
              this._copies = Math.min(16, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 3)));
            }} /></label>
      </div>
      ${data ? this._renderViewsHint(data.train.length) : nothing}
      ${glossaryRow(['epoch', 'learningRate', 'views', 'backend', 'trainVal', 'map'])}
      <div class="actions">
        ${
          running
            ? html`${
                this._run.state === 'paused'
                  ? html`<button class="primary" @click=${() => this._run.resume()}>${msg('Resume', { id: 'train.resume' })}</button>`
                  : html`<button @click=${() => this._run.pause()}>${msg('Pause', { id: 'train.pause' })}</button>`
              }
              <button @click=${() => this._run.cancel()}>${msg('Cancel', { id: 'train.cancel' })}</button>`
            : html`<button class="primary" data-start ?disabled=${!canTrain} @click=${this._start}>${msg('Start training', { id: 'train.start' })}</button>`
        }
      </div>
      ${this._renderProgress()}
      ${this._renderError()}
    </section>`;
  }

  /**
   * Why the number of views is what it is: it is picked from the number of photos, so it changes once
   * the dataset is read (16 for one photo, 3 for fifty), and a student should see that on purpose.
   */
  private _renderViewsHint(photos: number) {
    const auto = defaultViewsPerPhoto(photos);
    const why = !photos
      ? msg(
          'It is set for you from the number of training photos: a few photos get up to 16 views each, many photos get 3.',
          {
            id: 'train.copies.rule',
          },
        )
      : this._copies === undefined
        ? msg(
            str`Set for you: ${auto} for ${photos} training photos, so each epoch shows the model 48 pictures or more (fewer photos get more views, up to 16).`,
            { id: 'train.copies.auto' },
          )
        : msg(str`You chose ${this._copies}; for ${photos} training photos the automatic choice is ${auto}.`, {
            id: 'train.copies.chosen',
          });
    return html`<p class="hint" id="views-hint" data-views-auto=${auto}>
      ${msg('A view is one of your photos changed a little (flipped, zoomed in or out, lighter or darker), so the model sees more variety.', { id: 'train.copies.what' })}
      ${why}</p>`;
  }

  private _renderProgress() {
    const { progress, state, etaMs } = this._run;
    if (!progress || state === 'idle' || state === 'cancelled') return nothing;
    return html`<div data-phase=${progress.phase} data-state=${state}>
      <progress max=${progress.total} value=${progress.done}></progress>
      <div class="progress-line" role="status">
        <span>${state === 'paused' ? msg('Paused', { id: 'train.paused' }) : this._phaseText(progress)}</span>
        <span data-eta>${etaMs !== undefined ? msg(str`about ${formatRemaining(etaMs)} left`, { id: 'train.eta' }) : nothing}</span>
      </div>
    </div>`;
  }

  private _renderResults() {
    const { epochs, stockValMAP50 } = this._run;
    if (!epochs.length && !this._result) return nothing;
    const result = this._result?.meta.metrics;
    return html`<section class="card">
      <h2>${msg('Learning curve', { id: 'train.curve' })}</h2>
      <learning-curve .epochs=${epochs} .stockValMAP50=${stockValMAP50}></learning-curve>
      ${
        result
          ? html`<p class="result" data-result-map=${result.valMAP50 ?? ''} data-stock-map=${result.stockValMAP50 ?? ''}>
            ${msg('Validation mAP@0.5 — before training:', { id: 'train.result.stock' })} <strong>${result.stockValMAP50?.toFixed(3) ?? '—'}</strong> →
            ${msg('yours:', { id: 'train.result.yours' })} <strong>${result.valMAP50?.toFixed(3) ?? '—'}</strong>
            ${msg(str`(best epoch ${result.bestEpoch}, ${formatDuration(result.ms)} on ${result.backend})`, { id: 'train.result.detail' })}</p>
            <div class="actions"><button @click=${() => this._result && activeModel.set(this._result.meta.id)}>
              ${msg('Use it for live detection and suggestions', { id: 'train.useLong' })}</button></div>`
          : nothing
      }
    </section>`;
  }

  override render() {
    const val = this._images ? this._images.filter((image) => image.boxes.length || image.negative) : [];
    return html`
      <h1>${msg('Training', { id: 'train.title' })}</h1>
      <p class="lead">${msg('Fine-tune the ball detector on your own photos, right here in the browser.', { id: 'train.lead' })}</p>
      ${this._renderDataset()}
      ${this._renderControls()}
      ${this._renderResults()}
      <section class="card">
        <h2>${msg('Your models', { id: 'train.models' })}</h2>
        <trained-model-list .revision=${this._revision} @tama-models-change=${() => this._revision++}></trained-model-list>
      </section>
      <section class="card">
        <h2>${msg('Stock vs. yours, photo by photo', { id: 'train.compare' })}</h2>
        ${
          this._images
            ? html`<model-comparison .images=${val} .revision=${this._revision}></model-comparison>`
            : html`<p>${msg('Reading your dataset…', { id: 'train.dataset.loading' })}</p>`
        }
      </section>
    `;
  }
}

customElements.define('train-page', TrainPage);

declare global {
  interface HTMLElementTagNameMap {
    'train-page': TrainPage;
  }
}
