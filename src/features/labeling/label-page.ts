import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import '../../shared/ui/planned-feature.ts';

/** The labeling section: capture or import photos and draw boxes around balls. */
export class LabelPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`
      <h1>${msg('Labeling', { id: 'label.title' })}</h1>
      <p class="lead">${msg('Build your own ball dataset: take photos and draw a box around every ball.', { id: 'label.lead' })}</p>
      <planned-feature>
        <ul>
          <li>${msg('capture frames from the camera (single or burst) or import photos', { id: 'label.plan.capture' })}</li>
          <li>${msg('draw, move and resize boxes with a finger, mouse or keyboard', { id: 'label.plan.draw' })}</li>
          <li>${msg('accept boxes the model proposes', { id: 'label.plan.suggest' })}</li>
          <li>${msg('export and import COCO and YOLO datasets, and load a sample ball dataset', { id: 'label.plan.export' })}</li>
        </ul>
      </planned-feature>
    `;
  }
}

customElements.define('label-page', LabelPage);

declare global {
  interface HTMLElementTagNameMap {
    'label-page': LabelPage;
  }
}
