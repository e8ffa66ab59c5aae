import { expect } from '@esm-bundle/chai';
import { DEFAULT_SETTINGS, datasetSettings, loadDatasetSettings, saveDatasetSettings } from './dataset-settings.ts';

describe('dataset settings', () => {
  afterEach(() => datasetSettings.clear());

  it('round-trips and keeps good fields when others are bad', () => {
    saveDatasetSettings({ seed: 42, valRatio: 0.3, maxSide: 960, classes: ['ball', 'テニスボール'] });
    expect(loadDatasetSettings()).to.deep.equal({
      seed: 42,
      valRatio: 0.3,
      maxSide: 960,
      classes: ['ball', 'テニスボール'],
    });
    localStorage.setItem(
      datasetSettings.key,
      JSON.stringify({ seed: 'x', valRatio: 5, maxSide: 960, classes: [1, ''] }),
    );
    expect(loadDatasetSettings()).to.deep.equal({ ...DEFAULT_SETTINGS, maxSide: 960 });
    localStorage.setItem(datasetSettings.key, '{not json');
    expect(loadDatasetSettings()).to.deep.equal(DEFAULT_SETTINGS);
  });

  it('reads the key written before settings were versioned', () => {
    localStorage.setItem('tama-lab:dataset-settings', JSON.stringify({ seed: 7, valRatio: 0.1 }));
    expect(loadDatasetSettings()).to.include({ seed: 7, valRatio: 0.1 });
    saveDatasetSettings({ ...DEFAULT_SETTINGS, seed: 8 });
    expect(loadDatasetSettings().seed).to.equal(8);
  });
});
