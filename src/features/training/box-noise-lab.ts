import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { BOX_NOISE_KINDS, type BoxNoiseKind } from '../../dataset/box-noise.ts';
import { loadDatasetSettings } from '../../dataset/dataset-settings.ts';
import { datasetContext, type StoredImage } from '../../dataset/dataset-store.ts';
import { splitOf } from '../../dataset/split.ts';
import { DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import { backendPreference } from '../../shared/backend/backend-preference.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { mistakeName } from '../../shared/ui/mistake-names.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { type BoxNoiseRun, boxNoiseRuns, meanPerRate, rememberBoxNoiseRun } from './box-noise-store.ts';
import { noiseLessonFor } from './box-noise-texts.ts';
import type { NoisePhoto } from './label-check-protocol.ts';
import { LabelCheckRunner, type RunProgress } from './label-check-runner.ts';
import '../../shared/ui/line-chart.ts';

export const LAB_RATES = [0, 0.2, 0.4, 0.6];
const colours: Record<BoxNoiseKind, string> = {
  missed: '#f97316',
  extra: '#a855f7',
  loose: '#3b82f6',
  class: '#16a34a',
};

const usable = (image: StoredImage) => image.boxes.length > 0 || image.negative;
const asPhoto = ({ id, blob, width, height, boxes }: StoredImage): NoisePhoto => ({ id, blob, width, height, boxes });

/**
 * 悪い教師 for boxes on the Train page: one kind of bad label at 0–60 % of the training boxes, a model
 * trained from blank heads on each, scored on the untouched validation photos; the chart shows what
 * it cost, and a sentence under it says so in words.
 */
export class BoxNoiseLab extends LitElement {
  static override properties = {
    _kind: { state: true },
    _runs: { state: true },
    _classes: { state: true },
  };
  static override styles = pageStyles;

  declare private _kind: BoxNoiseKind;
  declare private _runs: BoxNoiseRun[];
  declare private _classes: number;
  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _runner = new LabelCheckRunner(this);
  private _unsubscribe = () => {};

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._kind = 'missed';
    this._runs = boxNoiseRuns.get();
    this._classes = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    this._unsubscribe = boxNoiseRuns.subscribe((runs) => {
      this._runs = runs;
    });
    void this.updateComplete.then(async () => {
      const images = (await this._dataset.value?.list()) ?? [];
      this._classes = new Set(images.flatMap((image) => image.boxes.map((b) => b.label))).size;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._unsubscribe();
  }

  private async _run() {
    const images = ((await this._dataset.value?.list()) ?? []).filter(usable);
    const split = loadDatasetSettings();
    const train = images.filter((image) => splitOf(image, split) === 'train');
    const val = images.filter((image) => splitOf(image, split) === 'val');
    const classes = [...new Set(images.flatMap((image) => image.boxes.map((b) => b.label)))].sort();
    await this._runner.run((client, signal) =>
      client.noiseLab(
        {
          train: train.map(asPhoto),
          val: val.map(asPhoto),
          kind: this._kind,
          rates: LAB_RATES,
          seed: split.seed,
          classes,
          backend: backendPreference.get(),
          modelUrl: new URL(modelUrl(DEFAULT_MODEL_VARIANT), location.href).href,
        },
        this._runner.report,
        rememberBoxNoiseRun,
        signal,
      ),
    );
  }

  private _describe(progress: RunProgress): string {
    const rate = (progress as { rate?: number }).rate;
    if (progress.phase === 'loading') return msg('Loading the model…', { id: 'check.phase.loading' });
    if (rate === undefined) return msg('Looking at the validation photos…', { id: 'noise.phase.val' });
    return msg(str`${Math.round(rate * 100)} % bad boxes: a model learns from them…`, { id: 'noise.phase.rate' });
  }

  private _renderChart() {
    const runs = this._runs;
    const kinds = BOX_NOISE_KINDS.filter((kind) => runs.some((run) => run.kind === kind));
    if (!kinds.length) return nothing;
    const series = kinds.flatMap((kind) => [
      {
        label: `${mistakeName(kind)}: mAP@0.5`,
        color: colours[kind],
        axis: 'right' as const,
        values: meanPerRate(runs, kind, LAB_RATES, (run) => run.mAP50),
      },
      {
        label: `${mistakeName(kind)}: ${msg('found', { id: 'noise.found' })}`,
        color: colours[kind],
        axis: 'right' as const,
        dash: [6, 4],
        values: meanPerRate(runs, kind, LAB_RATES, (run) => run.recall),
      },
    ]);
    const latest = runs.at(-1)?.kind ?? kinds[0];
    return html`<line-chart .x=${LAB_RATES} .series=${series}
        xLabel=${msg('share of bad boxes', { id: 'noise.axis' })} rightLabel=${msg('on the validation photos', { id: 'noise.axis.right' })}
        label=${msg('mAP@0.5 and balls found against the share of bad boxes', { id: 'noise.chart' })}></line-chart>
      <p class="lead" data-noise-lesson data-runs=${runs.length}>${latest ? noiseLessonFor(latest, runs, LAB_RATES) : nothing}</p>`;
  }

  override render() {
    const running = this._runner.running;
    const oneClass = this._classes < 2;
    return html`<section class="card" data-box-noise-lab>
      <h2>${msg('Bad labels lab (悪い教師)', { id: 'noise.title' })}</h2>
      <p>${msg('What do bad boxes teach? Each run gives one kind of mistake to a share of the training boxes (the same ones for the same seed), trains a model that starts knowing nothing about balls, and scores it on the validation photos, whose boxes are never touched.', { id: 'noise.lead' })}</p>
      <div class="actions">
        <label>${msg('Kind of bad box', { id: 'noise.kind' })}
          <select data-noise-kind ?disabled=${running} @change=${(e: Event) => {
            this._kind = (e.target as HTMLSelectElement).value as BoxNoiseKind;
          }}>${BOX_NOISE_KINDS.map(
            (kind) =>
              html`<option value=${kind} ?selected=${kind === this._kind} ?disabled=${kind === 'class' && oneClass}>${mistakeName(kind)}</option>`,
          )}</select></label>
        <button class="primary" data-noise-run ?disabled=${running} @click=${this._run}>${msg('Run 0–60 %', { id: 'noise.run' })}</button>
        <button data-noise-clear ?disabled=${running || !this._runs.length} @click=${() => boxNoiseRuns.clear()}>${msg('Clear runs', { id: 'noise.clear' })}</button>
      </div>
      ${oneClass ? html`<p class="hint">${msg('“Wrong class” needs a second class in your dataset.', { id: 'noise.oneClass' })}</p>` : nothing}
      ${this._runner.render((progress) => this._describe(progress))}
      ${this._renderChart()}
      ${glossaryRow(['labelNoise', 'map', 'recall', 'trainVal'])}
    </section>`;
  }
}

customElements.define('box-noise-lab', BoxNoiseLab);

declare global {
  interface HTMLElementTagNameMap {
    'box-noise-lab': BoxNoiseLab;
  }
}
