import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement } from 'lit';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import '../../shared/ui/planned-feature.ts';

/** The MNIST section: the course's classification assignment. */
export class MnistPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`
      <h1>${msg('MNIST: data, labels and model', { id: 'mnist.title' })}</h1>
      <p class="lead">${msg('The course assignment: classify handwritten digits and see what bad labels (悪い教師) do.', { id: 'mnist.lead' })}</p>
      <planned-feature>
        <ul>
          <li>${msg('browse the real MNIST data: 60,000 training and 10,000 test images', { id: 'mnist.plan.data' })}</li>
          <li>${msg('train a CNN in your browser and see its accuracy and confusion matrix', { id: 'mnist.plan.train' })}</li>
          <li>${msg('add label noise and plot how test accuracy falls', { id: 'mnist.plan.noise' })}</li>
          <li>${msg('draw a digit and see the model’s probabilities', { id: 'mnist.plan.draw' })}</li>
        </ul>
      </planned-feature>
    `;
  }
}

customElements.define('mnist-page', MnistPage);

declare global {
  interface HTMLElementTagNameMap {
    'mnist-page': MnistPage;
  }
}
