import { expect } from '@esm-bundle/chai';
import type { ConfusionMatrix } from './confusion-matrix.ts';
import './confusion-matrix.ts';

// A 10×10 matrix with four-digit counts on the diagonal, like 10,000 MNIST test digits.
const matrix = Array.from({ length: 10 }, (_, r) =>
  Array.from({ length: 10 }, (_, c) => (r === c ? 1100 + r : (r * 7 + c) % 13)),
);

describe('<confusion-matrix>', () => {
  let element: ConfusionMatrix;

  afterEach(() => element.remove());

  // 316 px is what a 390 px phone leaves inside a card (page and card padding).
  for (const width of [316, 900]) {
    it(`shows all 11 columns, every count whole, ${width} px wide`, async () => {
      element = document.createElement('confusion-matrix');
      element.style.width = `${width}px`;
      element.matrix = matrix;
      document.body.append(element);
      await element.updateComplete;
      const table = element.shadowRoot?.querySelector('table') as HTMLTableElement;
      expect(table.querySelectorAll('td')).to.have.length(100);
      expect(table.querySelectorAll('thead th')).to.have.length(11);
      const host = element.getBoundingClientRect();
      expect(table.getBoundingClientRect().right).to.be.at.most(host.right + 0.5);
      expect(element.scrollWidth).to.be.at.most(element.clientWidth);
      for (const cell of table.querySelectorAll('td, th'))
        expect(cell.scrollWidth, `"${cell.textContent}" is cut`).to.be.at.most(cell.clientWidth);
    });
  }
});
