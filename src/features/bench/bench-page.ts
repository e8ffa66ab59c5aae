import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { BACKENDS, type BackendName, wasmThreads } from '../../shared/backend/backends.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import { untilPrecached } from '../../shared/first-visit.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import type { benchImage } from './bench-image.ts';
import { benchPageStyles } from './bench-page.styles.ts';
import { type BenchReport, buildReport, reportJson } from './bench-report.ts';
import type { BenchOutcome, BenchPlan } from './bench-run.ts';
import { backendName, deviceView, msChart, progressText, resultsTable, unavailableText } from './bench-views.ts';
import type { BenchProgress } from './detector-bench.ts';
import { type DeviceFacts, readDeviceFacts } from './device-facts.ts';

const DEFAULT_RUNS = 10;
const MAX_RUNS = 100;

/** `?backends=wasm,cpu&runs=3`: a teacher's link (or a test) can preset the choices. */
function presetFromUrl(): { backends?: BackendName[]; runs?: number } {
  const params = new URLSearchParams(location.search);
  const listed = params
    .get('backends')
    ?.split(',')
    .filter((name): name is BackendName => BACKENDS.includes(name as BackendName));
  const runs = Number(params.get('runs'));
  return {
    ...(listed?.length ? { backends: listed } : {}),
    ...(runs >= 1 ? { runs: Math.min(MAX_RUNS, Math.round(runs)) } : {}),
  };
}

/**
 * Measures this device for the teacher: the ball detector (and one training step) on every backend
 * the browser offers, as a table, bars and a JSON result to copy or share. Same code as
 * `npm run bench:detect`. The run switches TF.js's backend; it puts the app's own back afterwards.
 */
export class BenchPage extends LitElement {
  static override styles = [pageStyles, benchPageStyles];
  static override properties = {
    _facts: { state: true },
    _threads: { state: true },
    _chosen: { state: true },
    _runs: { state: true },
    _stock: { state: true },
    _train: { state: true },
    _running: { state: true },
    _fraction: { state: true },
    _step: { state: true },
    _outcomes: { state: true },
    _report: { state: true },
    _error: { state: true },
    _cancelled: { state: true },
    _copied: { state: true },
  };

  declare private _facts: DeviceFacts | undefined;
  declare private _threads: number | undefined;
  declare private _chosen: ReadonlySet<BackendName>;
  declare private _runs: number;
  declare private _stock: boolean;
  declare private _train: boolean;
  declare private _running: boolean;
  declare private _fraction: number;
  declare private _step: BenchProgress | undefined;
  declare private _outcomes: readonly BenchOutcome[];
  declare private _report: BenchReport | undefined;
  declare private _error: unknown;
  declare private _cancelled: boolean;
  declare private _copied: 'no' | 'yes' | 'failed';
  private readonly _backend = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private _abort: AbortController | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    const preset = presetFromUrl();
    this._chosen = new Set(preset.backends ?? []);
    this._runs = preset.runs ?? DEFAULT_RUNS;
    this._stock = true;
    this._train = true;
    this._running = false;
    this._fraction = 0;
    this._outcomes = [];
    this._cancelled = false;
    this._copied = 'no';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this._readDevice();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  private async _readDevice() {
    const facts = await readDeviceFacts();
    const preset = presetFromUrl().backends;
    // Without a preset: every backend that really runs here; GPUs emulated in software only when ticked.
    this._chosen = new Set(
      facts.offers
        .filter((offer) => offer.available && (preset ? preset.includes(offer.backend) : !offer.software))
        .map((offer) => offer.backend),
    );
    this._facts = facts;
    // Known once the app has started WASM (its usual backend on a computer without a usable GPU).
    await this._backend.value?.ready.catch(() => undefined);
    this._threads = await wasmThreads();
  }

  private _toggle(backend: BackendName, on: boolean) {
    const chosen = new Set(this._chosen);
    if (on) chosen.add(backend);
    else chosen.delete(backend);
    this._chosen = chosen;
  }

  private async _start() {
    const facts = this._facts;
    if (!facts || this._running) return;
    const plan: BenchPlan = {
      backends: BACKENDS.filter((backend) => this._chosen.has(backend)),
      runs: this._runs,
      stock: this._stock,
      train: this._train,
    };
    const abort = new AbortController();
    this._abort = abort;
    this._running = true;
    this._fraction = 0;
    this._step = undefined;
    this._outcomes = [];
    this._report = undefined;
    this._error = undefined;
    this._cancelled = false;
    this._copied = 'no';
    // The app's backend must be chosen before the run switches TF.js away from it.
    await this._backend.value?.ready.catch(() => undefined);
    let cancelled = false;
    let image: Awaited<ReturnType<typeof benchImage>> | undefined;
    try {
      // A first visit: the service worker is still downloading the model; time loading, not the download.
      await untilPrecached();
      // The run's code (the scene renderer, the training step, coco-ssd) loads when a run starts, not with the app.
      const [{ runBench }, images] = await Promise.all([import('./bench-run.ts'), import('./bench-image.ts')]);
      image = await images.benchImage();
      await runBench(
        plan,
        image.bitmap,
        () => ({ active: this._backend.value?.active, preference: this._backend.value?.preference ?? 'auto' }),
        {
          signal: abort.signal,
          onProgress: (fraction, step) => {
            this._fraction = fraction;
            this._step = step;
          },
          onOutcome: (outcome) => (this._outcomes = [...this._outcomes, outcome]),
        },
      );
    } catch (error) {
      if (isCancelled(error)) cancelled = true;
      else this._error = error;
    } finally {
      image?.bitmap.close();
      this._threads = await wasmThreads();
      if (this._outcomes.length)
        this._report = buildReport({
          device: facts,
          wasmThreads: this._threads,
          image: image?.info ?? { source: 'none', width: 0, height: 0 },
          plan,
          outcomes: this._outcomes,
          cancelled,
        });
      this._cancelled = cancelled;
      this._running = false;
      this._abort = undefined;
    }
  }

  private _json(): string {
    return this._report ? reportJson(this._report) : '';
  }

  private async _copy() {
    try {
      await navigator.clipboard.writeText(this._json());
      this._copied = 'yes';
    } catch {
      // Refused (no permission, not a secure page): select the text, so copying by hand is one tap.
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[data-bench-json]');
      area?.focus();
      area?.select();
      this._copied = 'failed';
    }
  }

  /** One line a person reads first, then the JSON a script can merge. */
  private _summary(): string {
    const report = this._report;
    if (!report) return '';
    const device = [report.device.model, report.device.brands ?? report.device.platform].filter(Boolean).join(', ');
    const items = report.results
      .map(({ backend, oursMs, fps }) => `${backendName(backend)} ${oursMs} ms (${fps} FPS)`)
      .join(', ');
    return msg(str`Tama Lab benchmark, ${device || report.device.userAgent}: ${items}`, { id: 'bench.summary' });
  }

  private async _share() {
    const text = `${this._summary()}\n\n${this._json()}`;
    if (!('share' in navigator)) return this._copy();
    try {
      await navigator.share({ title: msg('Tama Lab benchmark', { id: 'bench.shareTitle' }), text });
    } catch (error) {
      // Closing the share sheet rejects too (AbortError): nothing to do then. Anything else: copy instead.
      if (!(error instanceof DOMException && error.name === 'AbortError')) await this._copy();
    }
  }

  private _renderChoices(facts: DeviceFacts) {
    return html`<fieldset data-backends>
      <legend>${msg('Backends', { id: 'bench.backends' })}</legend>
      ${facts.offers.map(
        (offer) => html`<label class="choice">
          <input type="checkbox" data-backend=${offer.backend} .checked=${this._chosen.has(offer.backend)}
            ?disabled=${!offer.available || this._running}
            @change=${(event: Event) => this._toggle(offer.backend, (event.target as HTMLInputElement).checked)} />
          <span>${backendName(offer.backend)}</span>
          ${
            offer.why || offer.software
              ? html`<small class="why" data-why=${offer.why ?? 'software'}>${unavailableText(offer.why ?? 'software')}</small>`
              : nothing
          }
        </label>`,
      )}
    </fieldset>`;
  }

  private _renderSettings(facts: DeviceFacts) {
    const running = this._running;
    return html`<section class="card settings">
      <h2>${msg('What to measure', { id: 'bench.settings.title' })}</h2>
      ${this._renderChoices(facts)}
      ${glossaryRow(['backend', 'webgpu', 'webgl', 'wasm'])}
      <label>${msg('Frames per backend', { id: 'bench.runs' })}
        <input type="number" min="1" max=${MAX_RUNS} data-runs .value=${String(this._runs)} ?disabled=${running}
          @change=${(event: Event) => (this._runs = Math.min(MAX_RUNS, Math.max(1, Number((event.target as HTMLInputElement).value) || 1)))} /></label>
      <label><input type="checkbox" data-stock .checked=${this._stock} ?disabled=${running}
        @change=${(event: Event) => (this._stock = (event.target as HTMLInputElement).checked)} />
        ${msg('Compare with stock COCO-SSD', { id: 'bench.stock' })}</label>
      <label><input type="checkbox" data-train .checked=${this._train} ?disabled=${running}
        @change=${(event: Event) => (this._train = (event.target as HTMLInputElement).checked)} />
        ${msg('Time one training step', { id: 'bench.train' })}</label>
      <div class="actions">
        ${
          running
            ? html`<button data-cancel @click=${() => this._abort?.abort()}>${msg('Cancel', { id: 'bench.cancel' })}</button>`
            : html`<button class="primary" data-start ?disabled=${this._chosen.size === 0} @click=${this._start}>
                ${msg('Start', { id: 'bench.start' })}</button>`
        }
      </div>
      ${
        running
          ? html`<progress data-progress max="1" value=${this._fraction}></progress>
            <p role="status" data-step>${this._step ? progressText(this._step) : msg('Preparing…', { id: 'bench.preparing' })}</p>`
          : nothing
      }
    </section>`;
  }

  private _renderResults() {
    const outcomes = this._outcomes;
    if (!outcomes.length && !this._error && !this._cancelled) return nothing;
    const results = outcomes.flatMap((outcome) => (outcome.status === 'done' ? [outcome.result] : []));
    const stopped = outcomes.length
      ? msg('Stopped: the backends measured so far are below.', { id: 'bench.cancelled' })
      : msg('Stopped before any backend was measured.', { id: 'bench.cancelledNone' });
    return html`<section class="card" data-results-card>
      <h2>${msg('Results', { id: 'bench.results.title' })}</h2>
      ${this._error ? html`<p class="error" role="alert">${errorMessage('model', this._error)}</p>` : nothing}
      ${this._cancelled ? html`<p role="status" data-stopped>${stopped}</p>` : nothing}
      ${outcomes.length ? resultsTable(outcomes) : nothing}
      ${msChart(results)}
    </section>
    ${this._report ? this._renderJson() : nothing}`;
  }

  private _renderJson() {
    return html`<section class="card" data-report>
      <h2><label for="bench-json">${msg('Result as JSON', { id: 'bench.json.title' })}</label></h2>
      <p class="lead">${msg("Copy it or share it with your teacher: it holds this device's facts and every number above.", { id: 'bench.json.hint' })}</p>
      <textarea id="bench-json" data-bench-json readonly rows="10" spellcheck="false" .value=${this._json()}></textarea>
      <div class="actions">
        <button class="primary" data-bench-copy @click=${this._copy} aria-live="polite">
          ${this._copied === 'yes' ? msg('Copied', { id: 'bench.copied' }) : msg('Copy', { id: 'bench.copy' })}</button>
        <button data-bench-share @click=${this._share}>${msg('Share…', { id: 'bench.share' })}</button>
      </div>
      ${this._copied === 'failed' ? html`<p class="error" role="alert">${msg('It could not be copied: the text is selected, copy it by hand.', { id: 'bench.copyFailed' })}</p>` : nothing}
    </section>`;
  }

  override render() {
    const facts = this._facts;
    return html`
      <h1>${msg('Benchmark', { id: 'bench.title' })}</h1>
      <p class="lead">${msg('How fast does this device find balls? This page runs the ball detector, and one training step, on every backend the browser offers. Share the result with your teacher.', { id: 'bench.lead' })}</p>
      ${
        facts
          ? html`<section class="card"><h2>${msg('This device', { id: 'bench.device.title' })}</h2>${deviceView(facts, this._threads)}</section>
            ${this._renderSettings(facts)}`
          : html`<p role="status">${msg('Reading this device…', { id: 'bench.reading' })}</p>`
      }
      ${this._renderResults()}
    `;
  }
}

customElements.define('bench-page', BenchPage);

declare global {
  interface HTMLElementTagNameMap {
    'bench-page': BenchPage;
  }
}
