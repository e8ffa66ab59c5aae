import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import '../../shared/ui/planned-feature.ts';

/** The training section: fine-tune the detector on the user's dataset in a worker. */
export class TrainPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`
      <h1>${msg('Training', { id: 'train.title' })}</h1>
      <p class="lead">${msg('Fine-tune the ball detector on your own photos, right here in the browser.', { id: 'train.lead' })}</p>
      <planned-feature>
        <ul>
          <li>${msg('start from the COCO-SSD weights and fine-tune on your labelled balls (WebGPU)', { id: 'train.plan.finetune' })}</li>
          <li>${msg('watch the loss and validation mAP charts while it trains', { id: 'train.plan.progress' })}</li>
          <li>${msg('compare your model with the stock detector, image by image', { id: 'train.plan.compare' })}</li>
          <li>${msg('save, rename, export and import trained models', { id: 'train.plan.save' })}</li>
        </ul>
      </planned-feature>
    `;
  }
}

customElements.define('train-page', TrainPage);

declare global {
  interface HTMLElementTagNameMap {
    'train-page': TrainPage;
  }
}
