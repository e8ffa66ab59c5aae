import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import type { BackendSelect } from '../../shared/backend/backend-select.ts';
import type { BackendChoice } from '../../shared/backend/backends.ts';
import { estimateRemaining, formatRemaining } from '../../shared/format-duration.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import type { DigitTile } from './digit-gallery.ts';
import { NOISE_KINDS, type NoiseKind } from './label-noise.ts';
import { mnistStyles } from './mnist.styles.ts';
import { formatNumber, noiseKindName } from './mnist-format.ts';
import { DEFAULT_MNIST_EPOCHS, type MnistEpochReport, type MnistProgress, type MnistResult } from './mnist-protocol.ts';
import { type MnistSession, SessionController } from './mnist-session.ts';
import { rememberNoiseRun, saveMnistModel } from './mnist-store.ts';
import '../../shared/backend/backend-select.ts';
import '../../shared/ui/line-chart.ts';
import './confusion-matrix.ts';
import './digit-gallery.ts';

/** The settings of every MNIST run, and one training run in full: live chart, confusion matrix, mistakes. */
export class MnistTrainingCard extends LitElement {
  static override properties = {
    session: { attribute: false },
    _reports: { state: true },
    _result: { state: true },
    _mistakes: { state: true },
  };
  static override styles = [pageStyles, mnistStyles];

  declare session: MnistSession | undefined;
  declare private _reports: MnistEpochReport[];
  declare private _result: MnistResult | undefined;
  declare private _mistakes: DigitTile[];
  private _startedAt = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new SessionController(this);
    this._reports = [];
    this._mistakes = [];
  }

  private async _train() {
    const session = this.session;
    if (!session) return;
    this._startedAt = performance.now();
    this._reports = [];
    this._result = undefined;
    await session.run('train', async (worker) => {
      const result = await worker.train(
        session.options(),
        (progress) => session.setProgress(progress),
        (report) => {
          this._reports = [...this._reports, report];
        },
      );
      this._result = result;
      session.modelReady();
      rememberNoiseRun(result);
      const shown = result.misclassified.slice(0, 40);
      const pixels = await worker.api.digits(
        'test',
        shown.map((m) => m.index),
      );
      this._mistakes = shown.map((m, i) => ({
        pixels: pixels[i] as Uint8Array,
        caption: msg(str`${m.label} → ${m.predicted}`, { id: 'mnist.mistake' }),
      }));
      await saveMnistModel({
        weights: result.weights,
        testAccuracy: result.testAccuracy,
        trainCount: result.trainCount,
        epochs: result.epochs.length,
        noise: result.noise,
        noiseKind: result.noiseKind,
        createdAt: Date.now(),
      });
    });
  }

  private _eta(session: MnistSession, progress: MnistProgress) {
    if (session.running !== 'train') return nothing;
    const done = (progress.epoch - 1) * progress.batches + progress.batch;
    const remaining = estimateRemaining(
      performance.now() - this._startedAt,
      done,
      progress.batches * session.settings.epochs,
    );
    // The first batches are slow (warm-up), so an estimate from them would be far off.
    if (remaining === undefined || done <= 10) return nothing;
    return html`<span data-eta>${msg(str`· about ${formatRemaining(remaining)} left`, { id: 'mnist.eta' })}</span>`;
  }

  private _renderSettings(session: MnistSession) {
    const running = session.running !== '';
    const { epochs, subset, noise, kind, backend } = session.settings;
    return html`<div class="actions">
        <label>${msg('Epochs', { id: 'train.epochs' })}<input data-mnist-epochs type="number" min="1" max="30" .value=${String(epochs)} ?disabled=${running}
          @change=${(e: Event) => {
            session.configure({
              epochs: Math.min(
                30,
                Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || DEFAULT_MNIST_EPOCHS)),
              ),
            });
          }} /></label>
        <label>${msg('Training images', { id: 'mnist.train.subset' })}<select data-mnist-subset ?disabled=${running} @change=${(
          e: Event,
        ) => {
          session.configure({ subset: Number((e.target as HTMLSelectElement).value) });
        }}>${[60_000, 10_000, 2_000].map((n) => html`<option value=${n} ?selected=${n === subset}>${formatNumber(n)}</option>`)}</select></label>
        <label>${msg(str`Bad labels: ${Math.round(noise * 100)} %`, { id: 'mnist.noise.rate' })}
          <input type="range" min="0" max="0.9" step="0.05" .value=${String(noise)} ?disabled=${running}
            @input=${(e: Event) => {
              session.configure({ noise: Number((e.target as HTMLInputElement).value) });
            }} /></label>
        <label>${msg('Kind', { id: 'mnist.noise.kind' })}<select ?disabled=${running} @change=${(e: Event) => {
          session.configure({ kind: (e.target as HTMLSelectElement).value as NoiseKind });
        }}>${NOISE_KINDS.map((k) => html`<option value=${k} ?selected=${k === kind}>${noiseKindName(k)}</option>`)}</select></label>
        <label>${msg('Backend', { id: 'train.backend' })}<backend-select data-mnist-backend .value=${backend} ?disabled=${running}
          @change=${(e: Event) => {
            session.configure({ backend: (e.currentTarget as BackendSelect).value as BackendChoice });
          }}></backend-select></label>
      </div>
      <div class="actions">
        ${
          running
            ? html`<button @click=${() => session.cancel()}>${msg('Cancel', { id: 'train.cancel' })}</button>`
            : html`<button class="primary" data-mnist-train @click=${this._train}>${msg('Train', { id: 'mnist.train.start' })}</button>`
        }
      </div>`;
  }

  private _renderProgress(session: MnistSession) {
    const progress = session.progress;
    if (!progress) return nothing;
    return html`<progress max=${progress.batches * (session.running === 'train' ? session.settings.epochs : 1)}
        value=${(progress.epoch - 1) * progress.batches + progress.batch}></progress>
      <p role="status">${msg(str`Epoch ${progress.epoch}, batch ${progress.batch} of ${progress.batches}`, { id: 'mnist.progress' })}
        ${this._eta(session, progress)}</p>`;
  }

  private _renderChart() {
    if (!this._reports.length) return nothing;
    return html`<line-chart .x=${this._reports.map((r) => r.epoch)}
      .series=${[
        {
          label: msg('training loss', { id: 'chart.trainLoss' }),
          color: '#f97316',
          values: this._reports.map((r) => r.loss),
        },
        {
          label: msg('training accuracy', { id: 'mnist.chart.trainAcc' }),
          color: '#a855f7',
          axis: 'right',
          dash: [6, 4],
          values: this._reports.map((r) => r.trainAccuracy),
        },
        {
          label: msg('test accuracy', { id: 'mnist.chart.testAcc' }),
          color: '#22c55e',
          axis: 'right',
          values: this._reports.map((r) => r.testAccuracy),
        },
      ]}
      xLabel=${msg('epoch', { id: 'chart.epoch' })} leftLabel=${msg('loss', { id: 'chart.loss' })}
      rightLabel=${msg('accuracy', { id: 'mnist.chart.accuracy' })} label=${msg('Loss and accuracy per epoch', { id: 'mnist.chart.label' })}></line-chart>`;
  }

  private _renderResult() {
    const result = this._result;
    if (!result) return nothing;
    return html`<p data-test-accuracy=${result.testAccuracy}>${msg('Test accuracy on', { id: 'mnist.result.on' })} ${formatNumber(result.testCount)}
        ${msg('test images:', { id: 'mnist.result.images' })} <span class="big">${(result.testAccuracy * 100).toFixed(2)} %</span>
        (${formatNumber(result.trainCount)} ${msg('training images', { id: 'mnist.data.train' })}, ${result.epochs.length} ${msg('epochs', { id: 'models.epochs' })},
        ${result.msPerEpoch} ms/${msg('epoch', { id: 'chart.epoch' })}, ${result.backend}${result.flipped ? `, ${formatNumber(result.flipped)} ${msg('labels flipped', { id: 'mnist.result.flipped' })}` : ''})</p>
      <h3>${msg('Confusion matrix', { id: 'mnist.confusion' })}</h3>
      <confusion-matrix .matrix=${result.confusion}></confusion-matrix>
      <h3>${msg('Test digits it got wrong (true → answer)', { id: 'mnist.mistakes' })}</h3>
      <digit-gallery .tiles=${this._mistakes} label=${msg('Misclassified test digits', { id: 'mnist.mistakes.label' })}></digit-gallery>`;
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    return html`<section class="card settings">
      <h2>${msg('Model (モデル): a CNN trained here', { id: 'mnist.train.title' })}</h2>
      <p class="lead">${msg('The model maps 784 pixels to 10 probabilities, one per digit. It learns only from the labels it is given.', { id: 'mnist.train.lead' })}</p>
      ${this._renderSettings(session)}
      ${glossaryRow(['epoch', 'label', 'backend'])}
      ${this._renderProgress(session)}
      ${session.error !== undefined ? html`<p class="error" role="alert">${errorMessage('model', session.error)}</p>` : nothing}
      ${this._renderChart()}
      ${this._renderResult()}
    </section>`;
  }
}

customElements.define('mnist-training-card', MnistTrainingCard);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-training-card': MnistTrainingCard;
  }
}
