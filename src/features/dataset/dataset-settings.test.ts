import { expect } from '@esm-bundle/chai';
import { DEFAULT_SETTINGS, loadDatasetSettings, saveDatasetSettings } from './dataset-settings.ts';

describe('dataset settings', () => {
  afterEach(() => localStorage.removeItem('tama-lab:dataset-settings'));

  it('round-trips and keeps good fields when others are bad', () => {
    saveDatasetSettings({ seed: 42, valRatio: 0.3, maxSide: 960, classes: ['ball', 'テニスボール'] });
    expect(loadDatasetSettings()).to.deep.equal({
      seed: 42,
      valRatio: 0.3,
      maxSide: 960,
      classes: ['ball', 'テニスボール'],
    });
    localStorage.setItem(
      'tama-lab:dataset-settings',
      JSON.stringify({ seed: 'x', valRatio: 5, maxSide: 960, classes: [1, ''] }),
    );
    expect(loadDatasetSettings()).to.deep.equal({ ...DEFAULT_SETTINGS, maxSide: 960 });
    localStorage.setItem('tama-lab:dataset-settings', '{not json');
    expect(loadDatasetSettings()).to.deep.equal(DEFAULT_SETTINGS);
  });
});
