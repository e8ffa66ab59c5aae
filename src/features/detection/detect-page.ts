import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { initialState, Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { captureFrame } from '../../dataset/capture-frame.ts';
import { contentHash } from '../../dataset/content-hash.ts';
import { datasetContext, type NewImage } from '../../dataset/dataset-store.ts';
import type { Detector } from '../../model/detector.ts';
import { activeModel, modelStoreContext, STOCK_COCO } from '../../model/model-store.ts';
import { DEFAULT_MODEL_VARIANT, type ModelVariant, modelUrl } from '../../model/model-variants.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { appUrl } from '../../shared/app-url.ts';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { describeError } from '../../shared/errors.ts';
import { untilPrecached } from '../../shared/first-visit.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { glossaryRow } from '../../shared/ui/glossary-row.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { toastContext } from '../../shared/ui/toast-context.ts';
import { onSchedule } from './burst-schedule.ts';
import type { CameraSourceEvent } from './camera/camera-source-event.ts';
import { detectPageStyles } from './detect-page.styles.ts';
import { LiveDetectionController } from './live-detection-controller.ts';
import { ModelAvailability } from './model-availability.ts';
import { describeModelError, isOffline, ModelUnavailableError, renderModelMenu } from './model-menu.ts';
import { type ModelOption, modelOptionName, modelOptions, trainedId } from './model-options.ts';
import type { PresenterReadout } from './presenter-readout.ts';
import './camera/camera-view.ts';
import './detection-overlay.ts';
import './no-ball-hint.ts';
import './presenter-readout.ts';

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
  private readonly _availability = new ModelAvailability(this);
  private _detector: Detector | undefined;
  private _source: HTMLVideoElement | HTMLImageElement | undefined;

  private readonly _detectorTask = new Task(this, {
    args: () => [this._backend.value?.ready, this._variant] as const,
    task: async ([ready, variant], { signal }) => {
      // The backend context has not answered yet: stay "waiting", the task runs again when it does.
      if (!ready) return initialState;
      // A detector on another backend (the user switched, or its GPU was lost) stops at once.
      const backend = await ready;
      if (this._detector && this._detector.backend !== backend) this._dropDetector();
      this._progress = 0;
      const started = performance.now();
      // A first visit: the service worker is downloading the model anyway; take it from its cache.
      await untilPrecached((fraction) => (this._progress = fraction));
      const id = trainedId(variant);
      const trained = id ? await this._models.value?.get(id) : undefined;
      if (id && !trained) throw new ModelUnavailableError('gone');
      if (!(await this._availability.check(variant, this._trained))) throw new ModelUnavailableError('offline');
      // The detector's code comes with TF.js, after the page has painted.
      const { createDetector } = await import('../../model/detector.ts');
      const detector = await createDetector({
        model: trained ?? (variant === 'ball' ? 'default' : modelUrl(variant as ModelVariant)),
        onProgress: (fraction) => {
          this._progress = fraction;
        },
      }).catch((error: unknown) => {
        throw isOffline(error) ? new ModelUnavailableError('offline') : error;
      });
      // Another model was chosen while this one loaded (say, `m` pressed three times): the newest wins.
      if (signal.aborted) {
        detector.dispose();
        throw signal.reason;
      }
      this._dropDetector();
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
    this._dropDetector();
  }

  private _dropDetector() {
    this._live.setDetector(undefined);
    const detector = this._detector;
    this._detector = undefined;
    try {
      detector?.dispose();
    } catch {
      // Its tensors lived on a GPU that is gone: there is nothing left to free.
    }
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
    this._readout(msg(str`Threshold ${Math.round(this._live.threshold * 100)} %`, { id: 'detect.readout.threshold' }));
  }

  /** Keys change things the presenter's screen does not show: say what they did, big and briefly. */
  private _readout(text: string) {
    this.renderRoot.querySelector<PresenterReadout>('presenter-readout')?.show(text);
  }

  private async _toggleProjector(force?: boolean) {
    this.projector = force ?? !this.projector;
    if (this.projector && !document.fullscreenElement) await this.requestFullscreen?.().catch(() => {});
    if (!this.projector && document.fullscreenElement) await document.exitFullscreen().catch(() => {});
  }

  /**
   * Saves what the camera shows into the on-device dataset, for labeling: one frame, or a burst of
   * `frames` frames 0.5 s apart that share a burst id (so the split keeps them together). Burst frames
   * are grabbed on a wall-clock schedule while detection keeps running, and encoded meanwhile; the burst
   * is stored in one transaction at its end: all of it or, if storage is full, nothing.
   */
  private async _capture(frames = 1) {
    const store = this._dataset.value;
    const toasts = this._toasts.value;
    if (!this._source || !store || this._burst !== undefined) return;
    const burstId = frames > 1 ? crypto.randomUUID() : undefined;
    try {
      const grabs = await onSchedule(frames, BURST_INTERVAL_MS, (index) => {
        if (burstId) this._burst = index + 1;
        if (!this._source) return undefined;
        // captureFrame draws the frame before its first await: the picture is taken now; encoding and
        // hashing run meanwhile, so little is left to do once the last frame is in.
        const grab = captureFrame(this._source).then(async (frame) => ({
          ...frame,
          hash: await contentHash(frame.blob),
        }));
        grab.catch(() => {});
        return grab;
      });
      const captured: NewImage[] = (await Promise.all(grabs))
        .filter((grab) => grab !== undefined)
        .map((grab) => ({ ...grab, source: 'camera', ...(burstId ? { burstId } : {}) }));
      await store.addAll(captured);
      // The button says "10 / 10" until the frames are stored: the burst is done when they are safe.
      this._burst = undefined;
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

  /** The next model that can load now (offline: the cached ones), announced by the readout. */
  private _cycleModel() {
    const choices = modelOptions(this._trained).filter(
      (choice) => choice === this._variant || this._availability.available(choice, this._trained),
    );
    const next = choices[(choices.indexOf(this._variant) + 1) % choices.length] ?? 'ball';
    this._chooseModel(next);
    this._readout(modelOptionName(next, this._trained));
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
      complete: ({ backend, ms }) => html`<span class="meta" data-model-state="ready" data-backend=${backend}>
        ${backend.toUpperCase()} · ${msg(str`model ready in ${(ms / 1000).toFixed(1)} s`, { id: 'detect.model.readyIn' })}</span>`,
      error: (error) =>
        html`<span class="error" role="alert" data-model-state="error">${describeModelError(error)}</span>`,
    });
    return html`<div class="hud" aria-live="off">
      <span><strong data-count=${live.boxes.length}>${live.boxes.length}</strong> ${msg('balls', { id: 'detect.hud.balls' })}</span>
      <span class="meta">${live.fps.toFixed(1)} FPS</span>
      <span class="meta">${Math.round(live.msPerFrame)} ms</span>
      ${live.frozen ? html`<span>${msg('Frozen', { id: 'detect.hud.frozen' })}</span>` : nothing}
      ${state}
      ${live.error ? html`<span class="error">${errorMessage('model', live.error)}</span>` : nothing}
    </div>`;
  }

  override render() {
    const live = this._live;
    const size = this._sourceSize();
    const busy = !this._source || this._burst !== undefined;
    return html`
      <h1>${msg('Live detection', { id: 'detect.title' })}</h1>
      <p class="lead">${msg('Point your phone camera at a ball and see a box appear on it, live.', { id: 'detect.lead' })}</p>
      <section class="live">
        <div class="info">
          ${this._renderHud()}
          <button class="exit-projector" @click=${() => this._toggleProjector(false)} aria-label=${msg('Leave presenter mode', { id: 'detect.projector.exit' })}>✕</button>
        </div>
        <camera-view ?hide-controls=${this.projector} ?fill=${this.projector} @tama-camera-source=${this._onSource}>
          <detection-overlay .detections=${live.boxes} .frames=${live.frames} .frameTime=${live.frameTime} .large=${this.projector}
            .sourceWidth=${size.width} .sourceHeight=${size.height} data-ms=${Math.round(live.msPerFrame)}></detection-overlay>
        </camera-view>
        ${
          live.noBallHint && !this.projector
            ? html`<no-ball-hint @tama-hint-dismiss=${() => live.dismissHint()}></no-ball-hint>`
            : nothing
        }
        <presenter-readout></presenter-readout>
      </section>
      <div class="toolbar actions">
        <label class="threshold"><span class="label-text">${msg('Score threshold', { id: 'detect.threshold' })}</span>
          <input type="range" min="0.05" max="0.95" step=${thresholdStep} .value=${String(live.threshold)} @input=${this._onThreshold} />
          <output>${Math.round(live.threshold * 100)}%</output>
        </label>
        ${renderModelMenu({
          value: this._variant,
          trained: this._trained,
          available: (option) => this._availability.available(option, this._trained),
          online: this._availability.online,
          onChoose: (option) => this._chooseModel(option),
        })}
        <button @click=${() => live.toggleFreeze()}>${live.frozen ? msg('Resume', { id: 'detect.resume' }) : msg('Freeze', { id: 'detect.freeze' })}</button>
        <button ?disabled=${busy} @click=${() => this._capture()}>${msg('Snapshot', { id: 'detect.snapshot' })}</button>
        <button ?disabled=${busy} data-burst=${this._burst ?? ''} @click=${() => this._capture(BURST_FRAMES)}>
          ${this._burst === undefined ? msg('Burst (5 s)', { id: 'detect.burst' }) : msg(str`Burst ${this._burst} / ${BURST_FRAMES}`, { id: 'detect.burst.progress' })}</button>
        <button @click=${() => this._toggleProjector(true)}>${msg('Presenter mode', { id: 'detect.projector' })}</button>
      </div>
      <p class="shortcuts">${msg('Keys: space freeze · s snapshot · b burst · f presenter mode · t / shift+T threshold · m model · Esc leave', { id: 'detect.shortcuts' })}</p>
      ${this.projector ? nothing : glossaryRow(['threshold', 'sportsBall', 'backend', 'wasm', 'webgpu'])}
    `;
  }

  /** The live view's model is also the one the labeling suggestions use. */
  private _chooseModel(choice: ModelOption) {
    this._variant = choice;
    activeModel.set(choice === 'ball' ? '' : (trainedId(choice) ?? STOCK_COCO));
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
