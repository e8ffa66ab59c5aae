import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { BACKENDS, type BackendChoice } from '../../shared/backend/backends.ts';
import { describeError } from '../../shared/errors.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import type { DigitTile } from './digit-gallery.ts';
import { NOISE_KINDS, type NoiseKind } from './label-noise.ts';
import { MnistClient } from './mnist-client.ts';
import type { MnistEpochReport, MnistProgress, MnistResult, Suspect } from './mnist-protocol.ts';
import { loadMnistModel, saveMnistModel } from './mnist-store.ts';
import '../../shared/ui/line-chart.ts';
import './confusion-matrix.ts';
import './digit-gallery.ts';
import './digit-pad.ts';

interface NoiseRun {
  rate: number;
  kind: NoiseKind;
  accuracy: number;
  trainCount: number;
  epochs: number;
}

const noiseRunsKey = 'tama-lab:mnist-noise-runs';
const SWEEP_RATES = [0, 0.2, 0.4, 0.6, 0.8];
const SWEEP = { trainCount: 10_000, epochs: 2 };
const number = (value: number) => new Intl.NumberFormat().format(value);

function loadNoiseRuns(): NoiseRun[] {
  try {
    const runs = JSON.parse(localStorage.getItem(noiseRunsKey) ?? '[]');
    return Array.isArray(runs) ? runs : [];
  } catch {
    return [];
  }
}

/** The course's MNIST assignment: data, labels (教師) and a model, with bad labels made visible. */
export class MnistPage extends LitElement {
  static override properties = {
    _epochs: { state: true },
    _subset: { state: true },
    _noise: { state: true },
    _kind: { state: true },
    _backend: { state: true },
    _running: { state: true },
    _progress: { state: true },
    _reports: { state: true },
    _result: { state: true },
    _mistakes: { state: true },
    _error: { state: true },
    _probabilities: { state: true },
    _hasModel: { state: true },
    _noiseRuns: { state: true },
    _suspects: { state: true },
  };
  static override styles = [
    pageStyles,
    css`
      .bars {
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.2rem 0.5rem;
        align-items: center;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        height: 0.8rem;
        border-radius: 0.2rem;
        background: var(--accent);
      }
      .big {
        font-size: 2rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .pad {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
        align-items: flex-start;
      }
      .pad .bars {
        min-width: 14rem;
        flex: 1;
      }
      .digit-row {
        margin-bottom: 0.25rem;
      }
      dl.worksheet {
        grid-template-columns: max-content 1fr;
      }
    `,
  ];

  declare private _epochs: number;
  declare private _subset: number;
  declare private _noise: number;
  declare private _kind: NoiseKind;
  declare private _backend: BackendChoice;
  declare private _running: '' | 'train' | 'sweep' | 'suspects';
  declare private _progress: MnistProgress | undefined;
  declare private _reports: MnistEpochReport[];
  declare private _result: MnistResult | undefined;
  declare private _mistakes: DigitTile[];
  declare private _error: string;
  declare private _probabilities: number[] | undefined;
  declare private _hasModel: boolean;
  declare private _noiseRuns: NoiseRun[];
  declare private _suspects: { tiles: DigitTile[]; flipped: number; total: number } | undefined;
  private _client: MnistClient | undefined;
  private _startedAt = 0;
  private readonly _info = new Task(this, {
    args: () => [],
    task: () => this._worker().api.info(),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._epochs = 3;
    this._subset = 60_000;
    this._noise = 0;
    this._kind = 'uniform';
    this._backend = 'auto';
    this._running = '';
    this._reports = [];
    this._mistakes = [];
    this._error = '';
    this._hasModel = false;
    this._noiseRuns = loadNoiseRuns();
  }

  private _worker(): MnistClient {
    this._client ??= new MnistClient();
    return this._client;
  }

  override connectedCallback() {
    super.connectedCallback();
    void loadMnistModel().then(async (saved) => {
      if (!saved) return;
      await this._worker().api.useWeights(saved.weights);
      this._hasModel = true;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._client?.terminate();
    this._client = undefined;
  }

  private _options(overrides: Partial<{ trainCount: number; epochs: number; noise: number }> = {}) {
    return {
      epochs: this._epochs,
      noise: this._noise,
      noiseKind: this._kind,
      seed: 1,
      backend: this._backend,
      trainCount: this._subset,
      ...overrides,
    };
  }

  private _remember(result: MnistResult) {
    this._noiseRuns = [
      ...this._noiseRuns,
      {
        rate: result.noise,
        kind: result.noiseKind,
        accuracy: result.testAccuracy,
        trainCount: result.trainCount,
        epochs: result.epochs.length,
      },
    ].slice(-60);
    localStorage.setItem(noiseRunsKey, JSON.stringify(this._noiseRuns));
  }

  private async _train() {
    this._running = 'train';
    this._startedAt = performance.now();
    this._error = '';
    this._reports = [];
    this._result = undefined;
    try {
      const result = await this._worker().train(
        this._options(),
        (progress) => {
          this._progress = progress;
        },
        (report) => {
          this._reports = [...this._reports, report];
        },
      );
      this._result = result;
      this._hasModel = true;
      this._remember(result);
      const shown = result.misclassified.slice(0, 40);
      const pixels = await this._worker().api.digits(
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
    } catch (error) {
      if (!/cancelled/.test(String(error))) this._error = describeError('model', error);
    } finally {
      this._running = '';
      this._progress = undefined;
    }
  }

  private async _sweep() {
    this._running = 'sweep';
    this._error = '';
    try {
      for (const rate of SWEEP_RATES) {
        const result = await this._worker().train(this._options({ ...SWEEP, noise: rate }), (progress) => {
          this._progress = progress;
        });
        this._remember(result);
      }
    } catch (error) {
      if (!/cancelled/.test(String(error))) this._error = describeError('model', error);
    } finally {
      this._running = '';
      this._progress = undefined;
    }
  }

  private async _findSuspects() {
    this._running = 'suspects';
    this._error = '';
    try {
      const { suspects, flippedAmongThem } = await this._worker().api.suspicious(
        this._options({ trainCount: SWEEP.trainCount, epochs: 1 }),
        32,
      );
      const pixels = await this._worker().api.digits(
        'train',
        suspects.map((s: Suspect) => s.index),
      );
      this._suspects = {
        flipped: flippedAmongThem,
        total: suspects.length,
        tiles: suspects.map((s: Suspect, i: number) => ({
          pixels: pixels[i] as Uint8Array,
          caption:
            s.label === s.original
              ? msg(str`label ${s.label}, model ${s.predicted}`, { id: 'mnist.suspect' })
              : msg(str`label ${s.label} (was ${s.original}), model ${s.predicted}`, { id: 'mnist.suspect.flipped' }),
        })),
      };
    } catch (error) {
      this._error = describeError('model', error);
    } finally {
      this._running = '';
    }
  }

  private async _onDigit(event: CustomEvent<Float32Array | undefined>) {
    if (!event.detail || !this._hasModel) {
      this._probabilities = undefined;
      return;
    }
    this._probabilities = await this._worker().api.predict(event.detail);
  }

  private _renderData() {
    return this._info.render({
      pending: () =>
        html`<p>${msg('Reading the 70,000 MNIST digits…', { id: 'mnist.loading' })}</p><progress></progress>`,
      error: (error) => html`<p class="error" role="alert">${describeError('dataset', error)}</p>`,
      complete: (info) => {
        const largest = Math.max(...info.trainPerDigit);
        return html`
          <div class="grid">
            <section class="card">
              <h2>${msg('Data (データ)', { id: 'mnist.data.title' })}</h2>
              <p>${msg('Handwritten digits, 28 × 28 grey pixels each. The real MNIST, as Keras loads it:', { id: 'mnist.data.lead' })}</p>
              <p data-train-count=${info.trainCount} data-test-count=${info.testCount}>
                <span class="big">${number(info.trainCount)}</span> ${msg('training images', { id: 'mnist.data.train' })} ·
                <span class="big">${number(info.testCount)}</span> ${msg('test images', { id: 'mnist.data.test' })}</p>
              <p class="lead">${msg('Counted from the files themselves, not typed in.', { id: 'mnist.data.counted' })}</p>
            </section>
            <section class="card">
              <h2>${msg('Labels (教師)', { id: 'mnist.labels.title' })}</h2>
              <p>${msg('Each image comes with the digit a person said it shows. How many of each, in the training set:', { id: 'mnist.labels.lead' })}</p>
              <div class="bars" role="list">${info.trainPerDigit.map(
                (
                  count,
                  digit,
                ) => html`<b>${digit}</b><span class="bar" role="listitem" aria-label=${`${digit}: ${count}`}
                  style="width:${(100 * count) / largest}%"></span><span>${number(count)}</span>`,
              )}</div>
            </section>
          </div>
          <section class="card">
            <h2>${msg('Samples per digit', { id: 'mnist.samples' })}</h2>
            ${info.samples.map(
              (digits, digit) =>
                html`<div class="digit-row"><digit-gallery .tiles=${digits.map((pixels) => ({ pixels }))}
                  label=${msg(str`Training images labelled ${digit}`, { id: 'mnist.samples.row' })}></digit-gallery></div>`,
            )}
          </section>`;
      },
    });
  }

  private _renderTraining() {
    const running = this._running !== '';
    const progress = this._progress;
    const result = this._result;
    return html`<section class="card settings">
      <h2>${msg('Model (モデル): a CNN trained here', { id: 'mnist.train.title' })}</h2>
      <p class="lead">${msg('The model maps 784 pixels to 10 probabilities, one per digit. It learns only from the labels it is given.', { id: 'mnist.train.lead' })}</p>
      <div class="actions">
        <label>${msg('Epochs', { id: 'train.epochs' })}<input data-mnist-epochs type="number" min="1" max="30" .value=${String(this._epochs)} ?disabled=${running}
          @change=${(e: Event) => {
            this._epochs = Math.min(30, Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 3)));
          }} /></label>
        <label>${msg('Training images', { id: 'mnist.train.subset' })}<select data-mnist-subset ?disabled=${running} @change=${(
          e: Event,
        ) => {
          this._subset = Number((e.target as HTMLSelectElement).value);
        }}>${[60_000, 10_000, 2_000].map((n) => html`<option value=${n} ?selected=${n === this._subset}>${number(n)}</option>`)}</select></label>
        <label>${msg(str`Bad labels: ${Math.round(this._noise * 100)} %`, { id: 'mnist.noise.rate' })}
          <input type="range" min="0" max="0.9" step="0.05" .value=${String(this._noise)} ?disabled=${running}
            @input=${(e: Event) => {
              this._noise = Number((e.target as HTMLInputElement).value);
            }} /></label>
        <label>${msg('Kind', { id: 'mnist.noise.kind' })}<select ?disabled=${running} @change=${(e: Event) => {
          this._kind = (e.target as HTMLSelectElement).value as NoiseKind;
        }}>${NOISE_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === this._kind}>${this._kindName(kind)}</option>`)}</select></label>
        <label>${msg('Backend', { id: 'train.backend' })}<select data-mnist-backend ?disabled=${running} @change=${(
          e: Event,
        ) => {
          this._backend = (e.target as HTMLSelectElement).value as BackendChoice;
        }}>${['auto', ...BACKENDS].map((name) => html`<option ?selected=${name === this._backend}>${name}</option>`)}</select></label>
      </div>
      <div class="actions">
        ${
          running
            ? html`<button @click=${() => this._client?.api.cancel()}>${msg('Cancel', { id: 'train.cancel' })}</button>`
            : html`<button class="primary" data-mnist-train @click=${this._train}>${msg('Train', { id: 'mnist.train.start' })}</button>`
        }
      </div>
      ${
        progress
          ? html`<progress max=${progress.batches * (this._running === 'train' ? this._epochs : 1)}
              value=${(progress.epoch - 1) * progress.batches + progress.batch}></progress>
            <p role="status">${msg(str`Epoch ${progress.epoch}, batch ${progress.batch} of ${progress.batches}`, { id: 'mnist.progress' })}
              ${this._eta(progress)}</p>`
          : nothing
      }
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        this._reports.length
          ? html`<line-chart .x=${this._reports.map((r) => r.epoch)}
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
              rightLabel=${msg('accuracy', { id: 'mnist.chart.accuracy' })} label=${msg('Loss and accuracy per epoch', { id: 'mnist.chart.label' })}></line-chart>`
          : nothing
      }
      ${
        result
          ? html`<p data-test-accuracy=${result.testAccuracy}>${msg('Test accuracy on', { id: 'mnist.result.on' })} ${number(result.testCount)}
              ${msg('test images:', { id: 'mnist.result.images' })} <span class="big">${(result.testAccuracy * 100).toFixed(2)} %</span>
              (${number(result.trainCount)} ${msg('training images', { id: 'mnist.data.train' })}, ${result.epochs.length} ${msg('epochs', { id: 'models.epochs' })},
              ${result.msPerEpoch} ms/${msg('epoch', { id: 'chart.epoch' })}, ${result.backend}${result.flipped ? `, ${number(result.flipped)} ${msg('labels flipped', { id: 'mnist.result.flipped' })}` : ''})</p>
            <h3>${msg('Confusion matrix', { id: 'mnist.confusion' })}</h3>
            <confusion-matrix .matrix=${result.confusion}></confusion-matrix>
            <h3>${msg('Test digits it got wrong (true → answer)', { id: 'mnist.mistakes' })}</h3>
            <digit-gallery .tiles=${this._mistakes} label=${msg('Misclassified test digits', { id: 'mnist.mistakes.label' })}></digit-gallery>`
          : nothing
      }
    </section>`;
  }

  private _eta(progress: MnistProgress) {
    if (this._running !== 'train') return nothing;
    const done = (progress.epoch - 1) * progress.batches + progress.batch;
    const total = progress.batches * this._epochs;
    const minutes = Math.ceil((((performance.now() - this._startedAt) / done) * (total - done)) / 60_000);
    return done > 10 ? msg(str`· about ${minutes} min left`, { id: 'mnist.eta' }) : nothing;
  }

  private _kindName(kind: NoiseKind): string {
    return {
      uniform: msg('random digit', { id: 'mnist.noise.uniform' }),
      '7to1': msg('7 labelled as 1', { id: 'mnist.noise.7to1' }),
      '4to9': msg('4 labelled as 9', { id: 'mnist.noise.4to9' }),
    }[kind];
  }

  private _renderPad() {
    const probabilities = this._probabilities;
    return html`<section class="card">
      <h2>${msg('Draw a digit', { id: 'mnist.pad.title' })}</h2>
      ${this._hasModel ? nothing : html`<p>${msg('Train a model first (a quick run on 2,000 images is enough to try).', { id: 'mnist.pad.noModel' })}</p>`}
      <div class="pad" @tama-digit=${this._onDigit}>
        <digit-pad></digit-pad>
        <div class="bars" aria-live="polite">${(probabilities ?? new Array(10).fill(0)).map(
          (p: number, digit: number) =>
            html`<b>${digit}</b><span class="bar" style="width:${Math.max(1, p * 100)}%"></span><span>${(p * 100).toFixed(1)} %</span>`,
        )}</div>
      </div>
    </section>`;
  }

  private _renderNoiseLab() {
    const running = this._running !== '';
    const kinds = [...new Set(this._noiseRuns.map((run) => run.kind))];
    const rates = [...new Set(this._noiseRuns.map((run) => run.rate))].sort((a, b) => a - b);
    const colours = { uniform: '#f97316', '7to1': '#3b82f6', '4to9': '#a855f7' } as Record<NoiseKind, string>;
    return html`<section class="card">
      <h2>${msg('Bad labels lab (悪い教師)', { id: 'mnist.noise.title' })}</h2>
      <p>${msg(str`What happens to a model taught with wrong answers? Each run flips the chosen share of the training labels (exactly, the same ones for the same seed) and measures accuracy on the untouched test set. The sweep trains on ${number(SWEEP.trainCount)} images for ${SWEEP.epochs} epochs per rate.`, { id: 'mnist.noise.lead' })}</p>
      <div class="actions">
        <button ?disabled=${running} @click=${this._sweep}>${msg(str`Sweep noise 0–80 % (${this._kindName(this._kind)})`, { id: 'mnist.noise.sweep' })}</button>
        <button ?disabled=${running} @click=${this._findSuspects}>${msg('Find the most suspicious labels', { id: 'mnist.noise.suspects' })}</button>
        <button ?disabled=${running || !this._noiseRuns.length} @click=${() => {
          this._noiseRuns = [];
          localStorage.removeItem(noiseRunsKey);
        }}>${msg('Clear runs', { id: 'mnist.noise.clear' })}</button>
      </div>
      ${
        this._noiseRuns.length
          ? html`<line-chart .x=${rates}
              .series=${kinds.map((kind) => ({
                label: this._kindName(kind),
                color: colours[kind],
                axis: 'right' as const,
                points: true,
                values: rates.map((rate) => {
                  const runs = this._noiseRuns.filter((run) => run.kind === kind && run.rate === rate);
                  return runs.length ? runs.reduce((sum, run) => sum + run.accuracy, 0) / runs.length : null;
                }),
              }))}
              xLabel=${msg('share of bad labels', { id: 'mnist.noise.axis' })} rightLabel=${msg('test accuracy', { id: 'mnist.chart.testAcc' })}
              label=${msg('Test accuracy against the share of bad labels', { id: 'mnist.noise.chart' })}></line-chart>
            <p class="lead" data-noise-runs=${this._noiseRuns.length}>${msg(str`${this._noiseRuns.length} runs so far (averaged per rate).`, { id: 'mnist.noise.runs' })}</p>`
          : nothing
      }
      ${
        this._suspects
          ? html`<p>${msg(str`The ${this._suspects.total} training images whose label a model trained on the other half believed least. ${this._suspects.flipped} of them are labels this lab flipped; the others are MNIST’s own doubtful digits.`, { id: 'mnist.noise.suspectsLead' })}</p>
            <digit-gallery .tiles=${this._suspects.tiles} label=${msg('Suspicious training labels', { id: 'mnist.noise.suspectsLabel' })}></digit-gallery>`
          : nothing
      }
    </section>`;
  }

  override render() {
    return html`
      <h1>MNIST</h1>
      <p class="lead">${msg('The course assignment: what are the data and the labels (教師) of MNIST, how many images does it have, and what do bad labels do to a model?', { id: 'mnist.lead' })}</p>
      ${this._renderData()}
      ${this._renderTraining()}
      ${this._renderPad()}
      ${this._renderNoiseLab()}
      <section class="card">
        <h2>${msg('Worksheet: detecting balls in camera photos', { id: 'mnist.sheet.title' })}</h2>
        <dl class="worksheet">
          <dt>${msg('Data', { id: 'mnist.sheet.data' })}</dt><dd>${msg('photos from the phone camera', { id: 'mnist.sheet.dataAnswer' })} — <a href="/">${msg('Live detection', { id: 'detect.title' })}</a></dd>
          <dt>${msg('Labels (教師)', { id: 'mnist.sheet.labels' })}</dt><dd>${msg('a box around every ball (and “no ball” photos)', { id: 'mnist.sheet.labelsAnswer' })} — <a href="/label">${msg('Labeling', { id: 'label.title' })}</a></dd>
          <dt>${msg('Model', { id: 'mnist.sheet.model' })}</dt><dd>${msg('image → boxes with a score each (how sure it is that a ball is there)', { id: 'mnist.sheet.modelAnswer' })} — <a href="/train">${msg('Training', { id: 'train.title' })}</a></dd>
          <dt>${msg('Bad labels', { id: 'mnist.sheet.bad' })}</dt><dd>${msg('a missing box teaches “this ball is background”; a sloppy box teaches the wrong place', { id: 'mnist.sheet.badAnswer' })}</dd>
        </dl>
      </section>
    `;
  }
}

customElements.define('mnist-page', MnistPage);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-page': MnistPage;
  }
}
