import { expect } from '@esm-bundle/chai';
import { explain, GLOSSARY_TERMS } from './glossary.ts';
import type { GlossaryTermElement } from './glossary-term.ts';
import './glossary-term.ts';

describe('<glossary-term>', () => {
  let element: GlossaryTermElement;

  beforeEach(async () => {
    element = document.createElement('glossary-term');
    element.term = 'map';
    element.textContent = 'mAP@0.5';
    document.body.append(element);
    await element.updateComplete;
  });

  afterEach(() => element.remove());

  it('opens and closes the plain explanation with its button, and says which term it explains', async () => {
    const button = element.shadowRoot?.querySelector('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('What is mAP@0.5?');
    expect(element.shadowRoot?.querySelector('[data-glossary-note]')).to.equal(null);
    button.click();
    await element.updateComplete;
    const note = element.shadowRoot?.querySelector('[data-glossary-note]');
    expect(note?.textContent).to.equal(explain('map'));
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-controls')).to.equal(note?.id);
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[data-glossary-note]')).to.equal(null);
  });

  it('has a touch target of at least 44 px around its small mark', () => {
    const button = element.shadowRoot?.querySelector('button') as HTMLButtonElement;
    const after = getComputedStyle(button, '::after');
    const size = button.getBoundingClientRect().width - 2 * Number.parseFloat(after.left);
    expect(size).to.be.at.least(43.5);
  });

  it('explains every term in plain words', () => {
    for (const term of GLOSSARY_TERMS) expect(explain(term).length, term).to.be.greaterThan(40);
  });
});
