import { ContextConsumer } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { backendContext } from '../../shared/backend/backend-context.ts';
import { describeError } from '../../shared/errors.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { loadDefaultGraphModel } from './default-model.ts';
import '../../shared/ui/planned-feature.ts';

/**
 * The live-detection section. Until the camera view lands it proves that the bundled default model
 * loads on this device and backend (also offline, from the service worker's cache).
 */
export class DetectPage extends LitElement {
  static override properties = { _progress: { state: true } };
  static override styles = pageStyles;

  private readonly _backend = new ContextConsumer(this, { context: backendContext, subscribe: true });
  declare private _progress: number;

  private readonly _modelCheck = new Task(this, {
    args: () => [this._backend.value?.ready] as const,
    task: async ([ready]) => {
      if (!ready) throw new Error('no backend yet');
      const backend = await ready;
      this._progress = 0;
      const { model, ms, parameters } = await loadDefaultGraphModel((fraction) => {
        this._progress = fraction;
      });
      // This page only checks that the model loads; the detector keeps its own instance.
      model.dispose();
      return { backend, ms, parameters };
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._progress = 0;
  }

  override render() {
    return html`
      <h1>${msg('Live detection', { id: 'detect.title' })}</h1>
      <p class="lead">
        ${msg('Point your phone camera at a ball and see a box appear on it, live.', { id: 'detect.lead' })}
      </p>
      <section class="card" aria-live="polite">
        <h2>${msg('Default model: COCO-SSD (SSDLite MobileNetV2)', { id: 'detect.model.title' })}</h2>
        ${this._modelCheck.render({
          initial: () => html`<p>${msg('Waiting for a backend…', { id: 'detect.model.waiting' })}</p>`,
          pending: () => html`<p>${msg('Loading the model…', { id: 'detect.model.loading' })}</p>
            <progress max="1" value=${this._progress} aria-label=${msg('Model download', { id: 'detect.model.progress' })}></progress>`,
          complete: ({ backend, ms, parameters }) => html`<p data-model-state="ready">
              ${msg('Model ready on this device.', { id: 'detect.model.ready' })}
            </p>
            <dl>
              <dt>${msg('Backend', { id: 'detect.model.backend' })}</dt>
              <dd data-backend=${backend}>${backend.toUpperCase()}</dd>
              <dt>${msg('Load time', { id: 'detect.model.loadTime' })}</dt>
              <dd>${msg(str`${(ms / 1000).toFixed(1)} s`, { id: 'detect.model.seconds' })}</dd>
              <dt>${msg('Parameters', { id: 'detect.model.parameters' })}</dt>
              <dd>${(parameters / 1e6).toFixed(2)} M</dd>
            </dl>`,
          error: (error) => html`<p class="error" data-model-state="error">${describeError('model', error)}</p>`,
        })}
      </section>
      <planned-feature>
        <ul>
          <li>${msg('see boxes on balls over the live camera video, with score and FPS', { id: 'detect.plan.live' })}</li>
          <li>${msg('pick the stock COCO "sports ball" detector or your own trained model', { id: 'detect.plan.model' })}</li>
          <li>${msg('use a video or photo file when there is no camera', { id: 'detect.plan.file' })}</li>
          <li>${msg('show it big on a classroom projector (presenter mode)', { id: 'detect.plan.projector' })}</li>
        </ul>
      </planned-feature>
    `;
  }
}

customElements.define('detect-page', DetectPage);

declare global {
  interface HTMLElementTagNameMap {
    'detect-page': DetectPage;
  }
}
