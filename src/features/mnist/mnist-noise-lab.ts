import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import type { DigitTile } from './digit-gallery.ts';
import type { NoiseKind } from './label-noise.ts';
import { formatNumber, noiseKindName } from './mnist-format.ts';
import type { Suspect } from './mnist-protocol.ts';
import { type MnistSession, SessionController } from './mnist-session.ts';
import { type NoiseRun, noiseRuns, rememberNoiseRun } from './mnist-store.ts';
import '../../shared/ui/line-chart.ts';
import './digit-gallery.ts';

const SWEEP_RATES = [0, 0.2, 0.4, 0.6, 0.8];
const SWEEP = { trainCount: 10_000, epochs: 2 };
const colours: Record<NoiseKind, string> = { uniform: '#f97316', '7to1': '#3b82f6', '4to9': '#a855f7' };

/** 悪い教師: test accuracy against the share of bad labels, and the labels a model doubts most. */
export class MnistNoiseLab extends LitElement {
  static override properties = {
    session: { attribute: false },
    _runs: { state: true },
    _suspects: { state: true },
  };
  static override styles = pageStyles;

  declare session: MnistSession | undefined;
  /** Every run so far, the training card's included (they come through the setting). */
  declare private _runs: NoiseRun[];
  declare private _suspects: { tiles: DigitTile[]; flipped: number; total: number } | undefined;
  private _unsubscribe = () => {};

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    new SessionController(this);
    this._runs = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    this._runs = noiseRuns.get();
    this._unsubscribe = noiseRuns.subscribe((runs) => {
      this._runs = runs;
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._unsubscribe();
  }

  private async _sweep() {
    const session = this.session;
    if (!session) return;
    await session.run('sweep', async (worker) => {
      for (const rate of SWEEP_RATES) {
        const result = await worker.train(session.options({ ...SWEEP, noise: rate }), (progress) =>
          session.setProgress(progress),
        );
        rememberNoiseRun(result);
      }
    });
  }

  private async _findSuspects() {
    const session = this.session;
    if (!session) return;
    await session.run('suspects', async (worker) => {
      const { suspects, flippedAmongThem } = await worker.api.suspicious(
        session.options({ trainCount: SWEEP.trainCount, epochs: 1 }),
        32,
      );
      const pixels = await worker.api.digits(
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
    });
  }

  private _renderRuns() {
    const runs = this._runs;
    if (!runs.length) return nothing;
    const kinds = [...new Set(runs.map((run) => run.kind))];
    const rates = [...new Set(runs.map((run) => run.rate))].sort((a, b) => a - b);
    return html`<line-chart .x=${rates}
        .series=${kinds.map((kind) => ({
          label: noiseKindName(kind),
          color: colours[kind],
          axis: 'right' as const,
          points: true,
          values: rates.map((rate) => {
            const same = runs.filter((run) => run.kind === kind && run.rate === rate);
            return same.length ? same.reduce((sum, run) => sum + run.accuracy, 0) / same.length : null;
          }),
        }))}
        xLabel=${msg('share of bad labels', { id: 'mnist.noise.axis' })} rightLabel=${msg('test accuracy', { id: 'mnist.chart.testAcc' })}
        label=${msg('Test accuracy against the share of bad labels', { id: 'mnist.noise.chart' })}></line-chart>
      <p class="lead" data-noise-runs=${runs.length}>${msg(str`${runs.length} runs so far (averaged per rate).`, { id: 'mnist.noise.runs' })}</p>`;
  }

  private _renderSuspects() {
    const suspects = this._suspects;
    if (!suspects) return nothing;
    return html`<p>${msg(str`The ${suspects.total} training images whose label a model trained on the other half believed least. ${suspects.flipped} of them are labels this lab flipped; the others are MNIST’s own doubtful digits.`, { id: 'mnist.noise.suspectsLead' })}</p>
      <digit-gallery .tiles=${suspects.tiles} label=${msg('Suspicious training labels', { id: 'mnist.noise.suspectsLabel' })}></digit-gallery>`;
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const running = session.running !== '';
    return html`<section class="card">
      <h2>${msg('Bad labels lab (悪い教師)', { id: 'mnist.noise.title' })}</h2>
      <p>${msg(str`What happens to a model taught with wrong answers? Each run flips the chosen share of the training labels (exactly, the same ones for the same seed) and measures accuracy on the untouched test set. The sweep trains on ${formatNumber(SWEEP.trainCount)} images for ${SWEEP.epochs} epochs per rate.`, { id: 'mnist.noise.lead' })}</p>
      <div class="actions">
        <button ?disabled=${running} @click=${this._sweep}>${msg(str`Sweep noise 0–80 % (${noiseKindName(session.settings.kind)})`, { id: 'mnist.noise.sweep' })}</button>
        <button ?disabled=${running} @click=${this._findSuspects}>${msg('Find the most suspicious labels', { id: 'mnist.noise.suspects' })}</button>
        <button ?disabled=${running || !this._runs.length} @click=${() => noiseRuns.clear()}>${msg('Clear runs', { id: 'mnist.noise.clear' })}</button>
      </div>
      ${this._renderRuns()}
      ${this._renderSuspects()}
    </section>`;
  }
}

customElements.define('mnist-noise-lab', MnistNoiseLab);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-noise-lab': MnistNoiseLab;
  }
}
