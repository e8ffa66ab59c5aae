import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';

/** The course worksheet's questions, answered for this app's own task: balls in camera photos. */
export class MnistWorksheet extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<section class="card">
      <h2>${msg('Worksheet: detecting balls in camera photos', { id: 'mnist.sheet.title' })}</h2>
      <dl class="worksheet">
        <dt>${msg('Data', { id: 'mnist.sheet.data' })}</dt><dd>${msg('photos from the phone camera', { id: 'mnist.sheet.dataAnswer' })} — <a href="/">${msg('Live detection', { id: 'detect.title' })}</a></dd>
        <dt>${msg('Labels (教師)', { id: 'mnist.sheet.labels' })}</dt><dd>${msg('a box around every ball (and “no ball” photos)', { id: 'mnist.sheet.labelsAnswer' })} — <a href="/label">${msg('Labeling', { id: 'label.title' })}</a></dd>
        <dt>${msg('Model', { id: 'mnist.sheet.model' })}</dt><dd>${msg('image → boxes with a score each (how sure it is that a ball is there)', { id: 'mnist.sheet.modelAnswer' })} — <a href="/train">${msg('Training', { id: 'train.title' })}</a></dd>
        <dt>${msg('Bad labels', { id: 'mnist.sheet.bad' })}</dt><dd>${msg('a missing box teaches “this ball is background”; a sloppy box teaches the wrong place', { id: 'mnist.sheet.badAnswer' })}</dd>
      </dl>
    </section>`;
  }
}

customElements.define('mnist-worksheet', MnistWorksheet);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-worksheet': MnistWorksheet;
  }
}
