import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import { activeModel, modelStoreContext, type RunCheckpoint } from '../../model/model-store.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import type { TrainedModel, TrainSettings } from '../../model/trained-model.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import type { BackendChoice } from '../../shared/backend/backends.ts';
import { formatDuration, formatRemaining } from '../../shared/format-duration.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { isWorkerDeath } from '../../shared/workers/worker-death.ts';
import { checkpointJournal, type RunIdentity, resumeImages, snapshotOf } from './run-checkpoint.ts';
import { renderDatasetCard } from './train-dataset-card.ts';
import { trainPageStyles } from './train-page.styles.ts';
import { gpuFallbackLine, phaseText, viewCapLine, viewsHint } from './train-texts.ts';
import { defaultViewsPerPhoto, trainingData } from './training-data.ts';
import type { TrainingOutcome, TrainingRequest } from './training-protocol.ts';
import { TrainingRunController } from './training-run-controller.ts';
import type { RunResumeEvent } from './unfinished-run.ts';
import { planViews } from './view-budget.ts';
import './unfinished-run.ts';
import '../../shared/backend/backend-select.ts';

// The learning curve, the noise lab, the model list and the comparison (charts, zips) load after the
// page has painted: src/app/page-modules.ts.

/** The model's code (with its zip reader and writer) loads as a run starts, not with the page. */
const trainedModelCode = () => import('../../model/trained-model.ts');

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
    _readError: { state: true },
  };
  static override styles = [pageStyles, trainPageStyles];

  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _backendInfo = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  private readonly _run = new TrainingRunController(this);
  declare private _images: StoredImage[] | undefined;
  /** The dataset could not be read (storage refused): said in the dataset card, the rest still shows. */
  declare private _readError: unknown;
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
      try {
        this._images = (await this._dataset.value?.list()) ?? [];
      } catch (error) {
        this._readError = error;
        this._images = [];
      }
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
    // What fits the memory budget; the checkpoint keeps these photos, so a resumed run has the same.
    const plan = this._plan(data);
    const settings: TrainSettings = {
      classes,
      epochs: this._epochs,
      batchSize: 8,
      learningRate: this._learningRate,
      augmentCopies: plan.viewsPerPhoto,
      patience: 5,
      seed: loadDatasetSettings().seed,
      base: DEFAULT_MODEL_VARIANT,
      ...(plan.cap ? { viewCap: plan.cap } : {}),
    };
    const run: RunIdentity = {
      id: crypto.randomUUID(),
      name: `${classes.join(' + ')} · ${new Date().toLocaleString()}`,
      startedAt: Date.now(),
      settings,
      backend: this._backend === 'app' ? (this._backendInfo.value?.preference ?? 'auto') : this._backend,
      photos: { train: snapshotOf(plan.train), val: snapshotOf(plan.val) },
    };
    // Start from the app's ball model: epoch 0 already finds balls, the photos teach the rest.
    const start = await (await trainedModelCode()).fetchTrainedModel(ballModelUrl());
    await this._launch(run, { train: plan.train, val: plan.val, start });
  }

  private _plan(data: ReturnType<typeof trainingData>) {
    const views = this._copies ?? defaultViewsPerPhoto(data.train.length);
    return planViews(data.train, data.val, views, loadDatasetSettings().seed);
  }

  /** Goes on with an interrupted run, on the same photos with the same boxes, after its last epoch. */
  private async _resumeRun(checkpoint: RunCheckpoint) {
    const { train, val, missing } = resumeImages(checkpoint, this._images ?? []);
    if (missing || this._run.active) return;
    this._epochs = checkpoint.settings.epochs;
    await this._launch(checkpoint, { train, val, resume: checkpoint.state });
  }

  private async _launch(run: RunIdentity, data: Pick<TrainingRequest, 'train' | 'val' | 'start' | 'resume'>) {
    const { settings } = run;
    const store = this._models.value;
    this._result = undefined;
    const request = {
      ...data,
      settings,
      backend: run.backend,
      modelUrl: new URL(modelUrl(settings.base), location.href).href,
    };
    const finish = async (outcome: TrainingOutcome) => {
      const model = (await trainedModelCode()).buildTrainedModel(outcome, settings, run.name);
      // The model replaces the run's checkpoint in one step: a crash now leaves one or the other.
      await store?.putFromRun(model, run.id);
      this._result = model;
      this._revision++;
      return model;
    };
    const model = await this._run.start(request, finish, store && checkpointJournal(store, run));
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

  /** Test only: loses the running worker's GPU through the real browser APIs (see TrainingWorkerApi). */
  loseGpuForTest(): Promise<boolean> {
    return this._run.loseGpuForTest();
  }

  private _renderError() {
    if (this._run.state !== 'failed') return nothing;
    return html`<p class="error" role="alert" ?data-worker-died=${isWorkerDeath(this._run.error)}>${
      this._run.error instanceof StorageFullError
        ? msg('The device storage is full: the model could not be saved.', { id: 'train.full' })
        : errorMessage('model', this._run.error)
    }</p>`;
  }

  private _renderDataset() {
    if (!this._images) return html`<p>${msg('Reading your dataset…', { id: 'train.dataset.loading' })}</p>`;
    if (this._readError) return html`<p class="error" role="alert">${errorMessage('dataset', this._readError)}</p>`;
    return renderDatasetCard(this._data, this._chosenClasses(), this._run.active, (classes) => {
      this._classes = classes;
    });
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
      ${data ? viewsHint(data.train.length, this._copies) : nothing}
      ${data ? this._renderCap(data) : nothing}
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
      ${gpuFallbackLine(this._run.fallback, this._run.backend)}
      ${this._renderError()}
    </section>`;
  }

  private _renderCap(data: ReturnType<typeof trainingData>) {
    const plan = this._plan(data);
    return viewCapLine(plan.cap, { viewsPerPhoto: plan.viewsPerPhoto, train: plan.train.length, val: plan.val.length });
  }

  private _renderProgress() {
    const { progress, state, etaMs } = this._run;
    if (!progress || state === 'idle' || state === 'cancelled') return nothing;
    return html`<div data-phase=${progress.phase} data-state=${state}>
      <progress max=${progress.total} value=${progress.done}></progress>
      <div class="progress-line" role="status">
        <span>${state === 'paused' ? msg('Paused', { id: 'train.paused' }) : phaseText(progress, this._epochs)}</span>
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
      ${
        this._run.active
          ? nothing
          : html`<unfinished-run .images=${this._images} @tama-run-resume=${(e: RunResumeEvent) => this._resumeRun(e.detail)}
              @tama-models-change=${() => this._revision++}></unfinished-run>`
      }
      ${this._renderDataset()}
      ${
        // The rest comes once the dataset is read: appearing below the summary, it moves nothing, where
        // cards drawn before it would jump down as the summary grows.
        this._images
          ? html`${this._renderControls()}
              ${this._renderResults()}
              <box-noise-lab></box-noise-lab>
              <section class="card">
                <h2>${msg('Your models', { id: 'train.models' })}</h2>
                <trained-model-list .revision=${this._revision} @tama-models-change=${() => this._revision++}></trained-model-list>
              </section>
              <section class="card">
                <h2>${msg('Stock vs. yours, photo by photo', { id: 'train.compare' })}</h2>
                <model-comparison .images=${val} .revision=${this._revision}></model-comparison>
              </section>`
          : nothing
      }
    `;
  }
}

customElements.define('train-page', TrainPage);

declare global {
  interface HTMLElementTagNameMap {
    'train-page': TrainPage;
  }
}
