import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { captureFrame } from '../../dataset/capture-frame.ts';
import { datasetContext, type NewImage } from '../../dataset/dataset-store.ts';
import { createDetector, type Detector } from '../../model/detector.ts';
import { activeModel, modelStoreContext, STOCK_COCO } from '../../model/model-store.ts';
import { DEFAULT_MODEL_VARIANT, MODEL_VARIANTS, type ModelVariant, modelUrl } from '../../model/model-variants.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { appUrl } from '../../shared/app-url.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { describeError } from '../../shared/errors.ts';
import { untilPrecached } from '../../shared/first-visit.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import type { CameraSourceEvent } from './camera/camera-source-event.ts';
import { detectPageStyles } from './detect-page.styles.ts';
import { LiveDetectionController } from './live-detection-controller.ts';
import './camera/camera-view.ts';
import './detection-overlay.ts';
import './no-ball-hint.ts';

/** What the model menu offers: the default ball model, stock COCO in one precision, or a fine-tuned model. */
type ModelOption = 'ball' | ModelVariant | `trained:${string}`;

const thresholdStep = 0.05;

/** A burst: 10 frames 0.5 s apart, 5 s of a ball rolling or of the phone moving around it. */
const BURST_FRAMES = 10;
const BURST_INTERVAL_MS = 500;

/**
 * Live detection: camera (or a file) with boxes drawn over it, a HUD, a score threshold, and a
 * presenter mode for classroom projectors (keys: space freeze, f fullscreen, t / shift+t threshold,
 * m model, Esc leave).
 */
export class DetectPage extends LitElement {
  static override properties = {
    _progress: { state: true },
    _variant: { state: true },
    _trained: { state: true },
    _burst: { state: true },
    projector: { type: Boolean, reflect: true },
  };
  static override styles = [pageStyles, detectPageStyles];

  declare projector: boolean;
  declare private _progress: number;
  /** The default ball model, a stock COCO weight variant, or `trained:<id>` for a fine-tuned model. */
  declare private _variant: ModelOption;
  declare private _trained: TrainedModelMeta[];
  /** Frame number while a burst is being captured. */
  declare private _burst: number | undefined;
  private readonly _backend = new ContextConsumer(this, { context: backendContext, subscribe: true });
  private readonly _live = new LiveDetectionController(this);
  private readonly _dataset = new ContextConsumer(this, { context: datasetContext });
  private readonly _toasts = new ContextConsumer(this, { context: toastContext });
  private readonly _models = new ContextConsumer(this, { context: modelStoreContext });
  private _detector: Detector | undefined;
  private _source: HTMLVideoElement | HTMLImageElement | undefined;

  private readonly _detectorTask = new Task(this, {
    args: () => [this._backend.value?.ready, this._variant] as const,
    task: async ([ready, variant]) => {
      if (!ready) throw new Error('no backend yet');
      await ready;
      this._progress = 0;
      const started = performance.now();
      // A first visit: the service worker is downloading the model anyway; take it from its cache.
      await untilPrecached((fraction) => (this._progress = fraction));
      const trainedId = variant.startsWith('trained:') ? variant.slice('trained:'.length) : undefined;
      const trained = trainedId ? await this._models.value?.get(trainedId) : undefined;
      if (trainedId && !trained) throw new Error('that trained model is no longer on this device');
      const detector = await createDetector({
        model: trained ?? (variant === 'ball' ? 'default' : modelUrl(variant as ModelVariant)),
        onProgress: (fraction) => {
          this._progress = fraction;
        },
      });
      this._detector?.dispose();
      this._detector = detector;
      this._live.setDetector(detector);
      return { backend: detector.backend, ms: performance.now() - started };
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._progress = 0;
    const active = activeModel.get();
    this._variant = active === '' ? 'ball' : active === STOCK_COCO ? DEFAULT_MODEL_VARIANT : `trained:${active}`;
    this._trained = [];
    this.projector = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    void this.updateComplete.then(async () => {
      this._trained = (await this._models.value?.list()) ?? [];
      // The active model may have been deleted since: fall back to the default model.
      if (this._variant.startsWith('trained:') && !this._trained.some((m) => `trained:${m.id}` === this._variant))
        this._variant = 'ball';
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
    this._live.setDetector(undefined);
    this._detector?.dispose();
    this._detector = undefined;
  }

  private _onSource(event: CameraSourceEvent) {
    this._source = event.detail;
    this._live.setSource(event.detail);
  }

  private _onThreshold(event: Event) {
    this._live.setThreshold(Number((event.target as HTMLInputElement).value));
  }

  private _nudgeThreshold(direction: 1 | -1) {
    const next = Math.round((this._live.threshold + direction * thresholdStep) * 100) / 100;
    this._live.setThreshold(Math.min(0.95, Math.max(0.05, next)));
  }

  private async _toggleProjector(force?: boolean) {
    this.projector = force ?? !this.projector;
    if (this.projector && !document.fullscreenElement) await this.requestFullscreen?.().catch(() => {});
    if (!this.projector && document.fullscreenElement) await document.exitFullscreen().catch(() => {});
  }

  /**
   * Saves what the camera shows into the on-device dataset, for labeling: one frame, or a burst of
   * `frames` frames 0.5 s apart that share a burst id (so the split keeps them together). A burst is
   * stored in one transaction at its end: all of it or, if storage is full, nothing.
   */
  private async _capture(frames = 1) {
    const store = this._dataset.value;
    const toasts = this._toasts.value;
    if (!this._source || !store || this._burst !== undefined) return;
    const burstId = frames > 1 ? crypto.randomUUID() : undefined;
    const captured: NewImage[] = [];
    try {
      for (let i = 0; i < frames; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, BURST_INTERVAL_MS));
        if (frames > 1) this._burst = i + 1;
        if (!this._source) break;
        captured.push({ ...(await captureFrame(this._source)), source: 'camera', ...(burstId ? { burstId } : {}) });
      }
      this._burst = undefined;
      await store.addAll(captured);
      const count = await store.count();
      const outcome = await toasts?.show(
        msg(str`Saved to your dataset (${count} photos)`, { id: 'detect.snapshot.saved' }),
        {
          action: msg('Label', { id: 'nav.label' }),
          timeout: 5000,
        },
      );
      if (outcome === 'action') {
        history.pushState(null, '', appUrl('label'));
        window.dispatchEvent(new PopStateEvent('popstate'));
      }
    } catch (error) {
      this._burst = undefined;
      const message =
        error instanceof StorageFullError
          ? msg('The device storage is full: nothing was saved. Delete some photos or free space.', {
              id: 'detect.snapshot.full',
            })
          : describeError('dataset', error);
      await toasts?.show(message, { tone: 'error' });
    }
  }

  private _cycleModel() {
    const choices = this._modelChoices();
    this._chooseModel(choices[(choices.indexOf(this._variant) + 1) % choices.length] ?? 'ball');
  }

  private readonly _onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    if (
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey
    )
      return;
    const actions: Record<string, () => void> = {
      ' ': () => this._live.toggleFreeze(),
      f: () => void this._toggleProjector(),
      t: () => this._nudgeThreshold(1),
      T: () => this._nudgeThreshold(-1),
      m: () => this._cycleModel(),
      s: () => void this._capture(),
      b: () => void this._capture(BURST_FRAMES),
      Escape: () => void this._toggleProjector(false),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  private _renderHud() {
    const live = this._live;
    const state = this._detectorTask.render({
      initial: () => html`<span>${msg('Waiting for a backend…', { id: 'detect.model.waiting' })}</span>`,
      pending: () => html`<span>${msg('Loading the model…', { id: 'detect.model.loading' })}</span>
        <progress max="1" value=${this._progress} aria-label=${msg('Model download', { id: 'detect.model.progress' })}></progress>`,
      complete: ({ backend, ms }) => html`<span data-model-state="ready" data-backend=${backend}>
        ${backend.toUpperCase()} · ${msg(str`model ready in ${(ms / 1000).toFixed(1)} s`, { id: 'detect.model.readyIn' })}</span>`,
      error: (error) => html`<span class="error" data-model-state="error">${describeError('model', error)}</span>`,
    });
    return html`<div class="hud" aria-live="off">
      <span><strong data-count=${live.boxes.length}>${live.boxes.length}</strong> ${msg('balls', { id: 'detect.hud.balls' })}</span>
      <span>${live.fps.toFixed(1)} FPS</span>
      <span>${Math.round(live.msPerFrame)} ms</span>
      ${live.frozen ? html`<span>${msg('Frozen', { id: 'detect.hud.frozen' })}</span>` : nothing}
      ${state}
      ${live.error ? html`<span class="error">${describeError('model', live.error)}</span>` : nothing}
    </div>`;
  }

  override render() {
    const live = this._live;
    const size = this._sourceSize();
    return html`
      <h1>${msg('Live detection', { id: 'detect.title' })}</h1>
      <p class="lead">${msg('Point your phone camera at a ball and see a box appear on it, live.', { id: 'detect.lead' })}</p>
      <section class="live">
        ${this._renderHud()}
        <camera-view ?hide-controls=${this.projector} @tama-camera-source=${this._onSource}>
          <detection-overlay .detections=${live.boxes} .frames=${live.frames} .frameTime=${live.frameTime} .large=${this.projector}
            .sourceWidth=${size.width} .sourceHeight=${size.height} data-ms=${Math.round(live.msPerFrame)}></detection-overlay>
        </camera-view>
        ${
          live.noBallHint && !this.projector
            ? html`<no-ball-hint @tama-hint-dismiss=${() => live.dismissHint()}></no-ball-hint>`
            : nothing
        }
        <button class="exit-projector" @click=${() => this._toggleProjector(false)} aria-label=${msg('Leave presenter mode', { id: 'detect.projector.exit' })}>✕</button>
      </section>
      <div class="toolbar actions">
        <label>${msg('Score threshold', { id: 'detect.threshold' })}
          <input type="range" min="0.05" max="0.95" step=${thresholdStep} .value=${String(live.threshold)} @input=${this._onThreshold} />
          <output>${Math.round(live.threshold * 100)}%</output>
        </label>
        <label>${msg('Model', { id: 'detect.model' })}
          <select data-model-select @change=${(e: Event) => {
            this._chooseModel((e.target as HTMLSelectElement).value as ModelOption);
          }}>
            <option value="ball" ?selected=${this._variant === 'ball'}>${msg('Ball model (default)', { id: 'models.default' })}</option>
            ${MODEL_VARIANTS.map(
              (variant) =>
                html`<option value=${variant} ?selected=${variant === this._variant}>COCO “sports ball” (${variant})</option>`,
            )}
            ${this._trained.map(
              (meta) =>
                html`<option value=${`trained:${meta.id}`} ?selected=${`trained:${meta.id}` === this._variant}>${msg(str`Yours: ${meta.name}`, { id: 'detect.model.trained' })}</option>`,
            )}
          </select>
        </label>
        <button @click=${() => live.toggleFreeze()}>${live.frozen ? msg('Resume', { id: 'detect.resume' }) : msg('Freeze', { id: 'detect.freeze' })}</button>
        <button ?disabled=${!this._source || this._burst !== undefined} @click=${() => this._capture()}>${msg('Snapshot', { id: 'detect.snapshot' })}</button>
        <button ?disabled=${!this._source || this._burst !== undefined} data-burst=${this._burst ?? ''} @click=${() => this._capture(BURST_FRAMES)}>
          ${this._burst === undefined ? msg('Burst (5 s)', { id: 'detect.burst' }) : msg(str`Burst ${this._burst} / ${BURST_FRAMES}`, { id: 'detect.burst.progress' })}</button>
        <button @click=${() => this._toggleProjector(true)}>${msg('Presenter mode', { id: 'detect.projector' })}</button>
      </div>
      <p class="shortcuts">${msg('Keys: space freeze · s snapshot · b burst · f presenter mode · t / shift+T threshold · m model · Esc leave', { id: 'detect.shortcuts' })}</p>
    `;
  }

  private _modelChoices(): ModelOption[] {
    return ['ball', ...MODEL_VARIANTS, ...this._trained.map((m) => `trained:${m.id}` as const)];
  }

  /** The live view's model is also the one the labeling suggestions use. */
  private _chooseModel(choice: ModelOption) {
    this._variant = choice;
    activeModel.set(
      choice === 'ball' ? '' : choice.startsWith('trained:') ? choice.slice('trained:'.length) : STOCK_COCO,
    );
  }

  private _sourceSize(): { width: number; height: number } {
    const source = this._source;
    if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
    if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
    return { width: 0, height: 0 };
  }
}

customElements.define('detect-page', DetectPage);

declare global {
  interface HTMLElementTagNameMap {
    'detect-page': DetectPage;
  }
}
