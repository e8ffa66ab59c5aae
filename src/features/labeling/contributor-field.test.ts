import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { contributorSetting } from '../../dataset/contributor.ts';
import type { ContributorField } from './contributor-field.ts';
import './contributor-field.ts';

describe('<contributor-field>', () => {
  let field: ContributorField;
  const input = () => field.shadowRoot?.querySelector('input[data-contributor-input]') as HTMLInputElement;

  beforeEach(async () => {
    // The app's page sets this token (index.html); a test page has to.
    document.documentElement.style.setProperty('--tap-target', '44px');
    contributorSetting.set('12');
    field = document.createElement('contributor-field');
    document.body.append(field);
    await field.updateComplete;
  });

  afterEach(() => {
    field.remove();
    contributorSetting.clear();
  });

  it('shows the saved name, saves as the student types, and shows it cleaned on leaving the field', async () => {
    expect(input().value).to.equal('12');
    input().select();
    await sendKeys({ type: '  tanaka ' });
    // Saved before the field is left: a photo taken straight away carries it.
    expect(contributorSetting.get()).to.equal('tanaka');
    expect(input().value).to.equal('  tanaka ');
    input().blur();
    await field.updateComplete;
    expect(input().value).to.equal('tanaka');

    input().select();
    await sendKeys({ press: 'Backspace' });
    expect(contributorSetting.get()).to.equal('');
  });

  it('has a visible label and a 44 px target', () => {
    expect(input().labels?.[0]?.textContent).to.match(/name or number/);
    expect(input().getBoundingClientRect().height).to.be.at.least(44);
  });
});
