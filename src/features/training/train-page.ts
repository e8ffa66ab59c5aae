import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import { activeModel, modelStoreContext } from '../../model/model-store.ts';
import { DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import {
  buildTrainedModel,
  type EpochReport,
  type TrainedModel,
  type TrainSettings,
} from '../../model/trained-model.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { BACKENDS, type BackendChoice } from '../../shared/backend/backends.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { describeError } from '../../shared/errors.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import type { TrainingProgress } from './trainer.ts';
import { TrainingClient } from './training-client.ts';
import { defaultViewsPerPhoto, trainingData } from './training-data.ts';
import './model-comparison.ts';
import './trained-model-list.ts';
import '../../shared/ui/line-chart.ts';

type RunState = 'idle' | 'running' | 'paused' | 'done' | 'failed';

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}:${String(seconds % 60).padStart(2, '0')}` : `${seconds} s`;
}

/** The training section: fine-tune the detector on the user's dataset in a worker, watch it learn. */
export class TrainPage extends LitElement {
  static override properties = {
    _images: { state: true },
    _classes: { state: true },
    _epochs: { state: true },
    _copies: { state: true },
    _learningRate: { state: true },
    _backend: { state: true },
    _state: { state: true },
    _progress: { state: true },
    _reports: { state: true },
    _baseline: { state: true },
    _error: { state: true },
    _result: { state: true },
    _revision: { state: true },
  };
  static override styles = [
    pageStyles,
    css`
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      legend {
        font-weight: 700;
        margin-bottom: 0.25rem;
      }
      .progress-line {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        font-variant-numeric: tabular-nums;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        width: 100%;
      }
      th {
        white-space: nowrap;
      }
      th,
      td {
        text-align: right;
        padding: 0.15rem 0.5rem;
        border-bottom: 1px solid var(--border);
      }
      .scroll {
        max-height: 12rem;
        overflow: auto;
      }
      .result strong {
        font-size: 1.4rem;
      }
    `,
  ];

  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private readonly _backendInfo = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  declare private _images: StoredImage[] | undefined;
  declare private _classes: string[] | undefined;
  declare private _epochs: number;
  /** Undefined until the user picks: then it follows the dataset's size. */
  declare private _copies: number | undefined;
  declare private _learningRate: number;
  declare private _backend: BackendChoice | 'app';
  declare private _state: RunState;
  declare private _progress: TrainingProgress | undefined;
  declare private _reports: EpochReport[];
  declare private _baseline: number | null;
  declare private _error: string;
  declare private _result: TrainedModel | undefined;
  declare private _revision: number;
  private _client: TrainingClient | undefined;
  private _wakeLock: WakeLockSentinel | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._epochs = 20;
    this._learningRate = 0.001;
    this._backend = 'app';
    this._state = 'idle';
    this._reports = [];
    this._baseline = null;
    this._error = '';
    this._revision = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.updateComplete.then(async () => {
      this._images = (await this._dataset.value?.list()) ?? [];
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Leaving the page ends the run: a worker nobody watches would only drain the battery.
    this._client?.terminate();
    this._client = undefined;
    void this._releaseWakeLock();
    window.removeEventListener('beforeunload', this._warnBeforeUnload);
  }

  private readonly _warnBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
  };

  private async _keepAwake() {
    try {
      this._wakeLock = await navigator.wakeLock?.request('screen');
    } catch {
      // Refused (battery saver, hidden tab): training still runs, the screen may just sleep.
    }
  }

  private async _releaseWakeLock() {
    await this._wakeLock?.release().catch(() => {});
    this._wakeLock = undefined;
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
    this._state = 'running';
    this._reports = [];
    this._baseline = null;
    this._error = '';
    this._result = undefined;
    this._progress = { phase: 'loading', done: 0, total: 1 };
    this._client = new TrainingClient();
    const client = this._client;
    window.addEventListener('beforeunload', this._warnBeforeUnload);
    await this._keepAwake();
    try {
      const outcome = await client.train(
        {
          train: data.train,
          val: data.val,
          settings,
          backend,
          modelUrl: new URL(modelUrl(settings.base), location.href).href,
        },
        (progress) => {
          this._progress = progress;
          if (progress.stockValMAP50 !== undefined) this._baseline = progress.stockValMAP50;
        },
        (report) => {
          this._reports = [...this._reports, report];
        },
      );
      this._baseline = outcome.metrics.stockValMAP50;
      const model = buildTrainedModel(outcome, settings, `${classes.join(' + ')} · ${new Date().toLocaleString()}`);
      await this._models.value?.put(model);
      this._result = model;
      this._state = 'done';
      this._revision++;
      const outcomeOfToast = await this._toasts.value?.show(
        msg('Training finished: the model is saved on this device.', { id: 'train.saved' }),
        {
          action: msg('Use it', { id: 'train.use' }),
          timeout: 8000,
        },
      );
      if (outcomeOfToast === 'action') activeModel.set(model.meta.id);
    } catch (error) {
      if (isCancelled(error)) {
        this._state = 'idle';
      } else {
        this._state = 'failed';
        this._error =
          error instanceof StorageFullError
            ? msg('The device storage is full: the model could not be saved.', { id: 'train.full' })
            : describeError('model', error);
      }
    } finally {
      client.terminate();
      if (this._client === client) this._client = undefined;
      window.removeEventListener('beforeunload', this._warnBeforeUnload);
      await this._releaseWakeLock();
    }
  }

  private async _pause() {
    await this._client?.pause();
    this._state = 'paused';
  }

  private async _resume() {
    await this._client?.resume();
    this._state = 'running';
  }

  private async _cancel() {
    await this._client?.cancel();
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
              ) => html`<label><input type="checkbox" .checked=${chosen.includes(name)} ?disabled=${this._state === 'running' || this._state === 'paused'}
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
    const running = this._state === 'running' || this._state === 'paused';
    const data = this._images ? this._data : undefined;
    const canTrain = !!data && this._chosenClasses().length > 0 && data.train.some((image) => image.boxes.length);
    return html`<section class="card settings">
      <h2>${msg('Fine-tune', { id: 'train.run.title' })}</h2>
      <p class="lead">${msg('The COCO-SSD backbone stays frozen; its box and class heads learn your balls. Epoch 0 is exactly the stock "sports ball" detector.', { id: 'train.run.how' })}</p>
      <div class="actions">
        <label>${msg('Epochs', { id: 'train.epochs' })}
          <input type="number" min="1" max="200" .value=${String(this._epochs)} ?disabled=${running}
            @change=${(e: Event) => {
              this._epochs = Math.min(200, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 20)));
            }} /></label>
        <label>${msg('Views per photo', { id: 'train.copies' })}
          <input type="number" min="1" max="16" .value=${String(this._copies ?? defaultViewsPerPhoto(data?.train.length ?? 0))} ?disabled=${running}
            @change=${(e: Event) => {
              this._copies = Math.min(16, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 3)));
            }} /></label>
        <label>${msg('Learning rate', { id: 'train.lr' })}
          <select ?disabled=${running} @change=${(e: Event) => {
            this._learningRate = Number((e.target as HTMLSelectElement).value);
          }}>
            ${[0.0003, 0.001, 0.003].map((lr) => html`<option value=${lr} ?selected=${lr === this._learningRate}>${lr}</option>`)}
          </select></label>
        <label>${msg('Backend', { id: 'train.backend' })}
          <select ?disabled=${running} @change=${(e: Event) => {
            this._backend = (e.target as HTMLSelectElement).value as BackendChoice | 'app';
          }}>
            <option value="app">${msg('as the app', { id: 'train.backend.app' })}</option>
            ${['auto', ...BACKENDS].map((name) => html`<option value=${name} ?selected=${name === this._backend}>${name}</option>`)}
          </select></label>
      </div>
      <div class="actions">
        ${
          running
            ? html`${
                this._state === 'paused'
                  ? html`<button class="primary" @click=${this._resume}>${msg('Resume', { id: 'train.resume' })}</button>`
                  : html`<button @click=${this._pause}>${msg('Pause', { id: 'train.pause' })}</button>`
              }
              <button @click=${this._cancel}>${msg('Cancel', { id: 'train.cancel' })}</button>`
            : html`<button class="primary" data-start ?disabled=${!canTrain} @click=${this._start}>${msg('Start training', { id: 'train.start' })}</button>`
        }
      </div>
      ${this._renderProgress()}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
    </section>`;
  }

  private _renderProgress() {
    const progress = this._progress;
    if (!progress || this._state === 'idle') return nothing;
    return html`<div data-phase=${progress.phase} data-state=${this._state}>
      <progress max=${progress.total} value=${progress.done}></progress>
      <div class="progress-line" role="status">
        <span>${this._state === 'paused' ? msg('Paused', { id: 'train.paused' }) : this._phaseText(progress)}</span>
        <span>${progress.etaMs !== undefined && progress.phase !== 'done' ? msg(str`about ${formatDuration(progress.etaMs)} left`, { id: 'train.eta' }) : nothing}</span>
      </div>
    </div>`;
  }

  private _renderResults() {
    if (!this._reports.length && !this._result) return nothing;
    const result = this._result?.meta.metrics;
    return html`<section class="card">
      <h2>${msg('Learning curve', { id: 'train.curve' })}</h2>
      <line-chart .x=${[0, ...this._reports.map((r) => r.epoch)]}
        .series=${[
          {
            label: msg('training loss', { id: 'chart.trainLoss' }),
            color: '#f97316',
            values: [null, ...this._reports.map((r) => r.loss)],
          },
          {
            label: msg('validation loss', { id: 'chart.valLoss' }),
            color: '#a855f7',
            dash: [6, 4],
            values: [null, ...this._reports.map((r) => r.valLoss)],
          },
          {
            label: msg('validation mAP@0.5', { id: 'chart.valMap' }),
            color: '#22c55e',
            axis: 'right',
            values: [this._baseline, ...this._reports.map((r) => r.valMAP50)],
          },
        ]}
        xLabel=${msg('epoch', { id: 'chart.epoch' })} leftLabel=${msg('loss', { id: 'chart.loss' })} rightLabel="mAP@0.5"
        label=${msg('Loss and validation mAP per epoch', { id: 'chart.label' })}></line-chart>
      <div class="scroll"><table>
        <thead><tr><th>${msg('epoch', { id: 'chart.epoch' })}</th><th>${msg('training loss', { id: 'chart.trainLoss' })}</th>
          <th>${msg('validation loss', { id: 'chart.valLoss' })}</th><th>mAP@0.5</th><th>s</th></tr></thead>
        <tbody>${this._reports.map(
          (
            r,
          ) => html`<tr data-epoch=${r.epoch}><td>${r.epoch}</td><td>${r.loss.toFixed(3)}</td><td>${r.valLoss?.toFixed(3) ?? '—'}</td>
            <td>${r.valMAP50?.toFixed(3) ?? '—'}</td><td>${(r.ms / 1000).toFixed(1)}</td></tr>`,
        )}</tbody>
      </table></div>
      ${
        result
          ? html`<p class="result" data-result-map=${result.valMAP50 ?? ''} data-stock-map=${result.stockValMAP50 ?? ''}>
            ${msg('Validation mAP@0.5 — stock COCO:', { id: 'train.result.stock' })} <strong>${result.stockValMAP50?.toFixed(3) ?? '—'}</strong> →
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
        <trained-model-list .revision=${this._revision}></trained-model-list>
      </section>
      <section class="card">
        <h2>${msg('Stock vs. yours, photo by photo', { id: 'train.compare' })}</h2>
        <model-comparison .images=${val} .revision=${this._revision}></model-comparison>
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
