import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { formatBytes } from '../../dataset/storage-status.ts';
import type { DownloadProgress } from '../../shared/download-progress.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { mnistStyles } from './mnist.styles.ts';
import { formatNumber } from './mnist-format.ts';
import { MnistSession } from './mnist-session.ts';
import './digit-gallery.ts';
import './mnist-noise-lab.ts';
import './mnist-pad-card.ts';
import './mnist-training-card.ts';
import './mnist-worksheet.ts';

/** The course's MNIST assignment: data, labels (教師) and a model, with bad labels made visible. */
export class MnistPage extends LitElement {
  static override styles = [
    pageStyles,
    mnistStyles,
    css`
      .digit-row {
        margin-bottom: 0.25rem;
      }
    `,
  ];

  /** Shared by the cards: one worker for the whole page, its settings, and the run in progress. */
  static override properties = { _download: { state: true } };

  private readonly _session = new MnistSession();
  declare private _download: DownloadProgress | undefined;
  private readonly _info = new Task(this, {
    args: () => [],
    task: () => this._session.worker.info((progress) => (this._download = progress)),
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    void this._session.restore();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._session.dispose();
  }

  /** The digits download on first use (about 11 MB), then come from the service worker's cache. */
  private _renderDownload() {
    const { loaded, total } = this._download ?? { loaded: 0, total: undefined };
    const amount = total ? `${formatBytes(loaded)} / ${formatBytes(total)}` : formatBytes(loaded);
    return html`<p>${msg('Reading the 70,000 MNIST digits…', { id: 'mnist.loading' })}</p>
      <progress data-mnist-download max=${total ?? nothing} value=${total ? loaded : nothing}></progress>
      <p class="hint" role="status">${msg(str`Downloaded ${amount} (only the first time; kept for offline use)`, { id: 'mnist.downloaded' })}</p>`;
  }

  private _renderData() {
    return this._info.render({
      pending: () => this._renderDownload(),
      error: (error) => html`<p class="error" role="alert">${errorMessage('dataset', error)}</p>`,
      complete: (info) => {
        const largest = Math.max(...info.trainPerDigit);
        return html`
          <div class="grid">
            <section class="card">
              <h2>${msg('Data (データ)', { id: 'mnist.data.title' })}</h2>
              <p>${msg('Handwritten digits, 28 × 28 grey pixels each. The real MNIST, as Keras loads it:', { id: 'mnist.data.lead' })}</p>
              <p data-train-count=${info.trainCount} data-test-count=${info.testCount}>
                <span class="big">${formatNumber(info.trainCount)}</span> ${msg('training images', { id: 'mnist.data.train' })} ·
                <span class="big">${formatNumber(info.testCount)}</span> ${msg('test images', { id: 'mnist.data.test' })}</p>
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
                  style="width:${(100 * count) / largest}%"></span><span>${formatNumber(count)}</span>`,
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

  override render() {
    return html`
      <h1>MNIST</h1>
      <p class="lead">${msg('The course assignment: what are the data and the labels (教師) of MNIST, how many images does it have, and what do bad labels do to a model?', { id: 'mnist.lead' })}</p>
      ${this._renderData()}
      <mnist-training-card .session=${this._session}></mnist-training-card>
      <mnist-pad-card .session=${this._session}></mnist-pad-card>
      <mnist-noise-lab .session=${this._session}></mnist-noise-lab>
      <mnist-worksheet></mnist-worksheet>
    `;
  }
}

customElements.define('mnist-page', MnistPage);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-page': MnistPage;
  }
}
