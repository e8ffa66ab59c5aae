import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { ProblemError, problem } from '../problem.ts';
import { errorMessage, problemMessage } from './error-message.ts';

function shown(template: Parameters<typeof render>[0]): HTMLElement {
  const host = document.createElement('div');
  render(template, host);
  return host;
}

describe('errorMessage: the sentence, and the detail folded under it', () => {
  it('keeps the English detail out of the sentence and inside a closed <details>', () => {
    const error = new ProblemError(problem('model.filesMissing', 'the .zip needs model.json and weights.bin'));
    const host = shown(errorMessage('model', error));
    expect(host.querySelector('.error-text')?.textContent).to.equal(
      'Model error: This .zip is not a model: a model .zip holds model.json and weights.bin.',
    );
    const details = host.querySelector('details.error-detail') as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')?.textContent?.trim()).to.equal('Details');
    expect(details.querySelector('code')?.textContent).to.equal('the .zip needs model.json and weights.bin');
  });

  it('has no <details> when there is no detail to fold', () => {
    expect(shown(problemMessage({ code: 'archive.empty' })).querySelector('details')).to.equal(null);
    const host = shown(problemMessage(problem('file.notImage', 'not an image (text/plain)')));
    expect(host.querySelector('.error-text')?.textContent).to.equal('Not a photo.');
    expect(host.querySelector('code')?.textContent).to.equal('not an image (text/plain)');
  });
});
