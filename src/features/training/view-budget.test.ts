import { expect } from '@esm-bundle/chai';
import { buildTrainedModel, expectedShapes } from '../../model/trained-model.ts';
import { trainedModelFromZip, trainedModelZip } from '../../model/trained-model-zip.ts';
import { sampleSettings } from './training-fixtures.ts';
import { planViews, TRAIN_VIEW_BYTES, VAL_VIEW_BYTES, VIEW_BUDGET_BYTES, viewBudgetBytes } from './view-budget.ts';

const MB = 1024 * 1024;
const photos = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const cachedBytes = (plan: { viewsPerPhoto: number; train: unknown[]; val: unknown[] }) =>
  plan.train.length * plan.viewsPerPhoto * TRAIN_VIEW_BYTES + plan.val.length * VAL_VIEW_BYTES;

describe('the memory budget for cached views', () => {
  it('leaves a small dataset as asked (the sample dataset: 48 + 16 photos, 3 views)', () => {
    const plan = planViews(photos('t', 48), photos('v', 16), 3, 7);
    expect(plan.viewsPerPhoto).to.equal(3);
    expect(plan.train).to.have.length(48);
    expect(plan.val).to.have.length(16);
    expect(plan.cap).to.equal(undefined);
  });

  it('gives many photos fewer views, then a seeded sample, always within the budget', () => {
    for (const [train, val] of [
      [100, 25],
      [400, 100],
      [5000, 1000],
    ] as const) {
      const plan = planViews(photos('t', train), photos('v', val), 3, 7);
      expect(cachedBytes(plan), `${train} + ${val} photos`).to.be.at.most(VIEW_BUDGET_BYTES);
      expect(plan.cap).to.deep.equal({ requestedViews: 3, trainPhotos: train, valPhotos: val });
      expect(plan.viewsPerPhoto).to.be.lessThan(3);
    }
    const big = planViews(photos('t', 400), photos('v', 100), 3, 7);
    expect(big.viewsPerPhoto).to.equal(1);
    // Most of the budget goes to training: at least 150 photos train, at least 25 validate.
    expect(big.train.length).to.be.within(150, 399);
    expect(big.val.length).to.be.within(25, 99);
    expect(new Set(big.train).size).to.equal(big.train.length);
  });

  it('picks the same photos for the same seed (a resumed run needs them), others for another seed', () => {
    const [train, val] = [photos('t', 400), photos('v', 100)];
    expect(planViews(train, val, 3, 7)).to.deep.equal(planViews(train, val, 3, 7));
    expect(planViews(train, val, 3, 8).train).to.not.deep.equal(planViews(train, val, 3, 7).train);
  });

  it('is smaller on a device that says it has little memory', () => {
    expect(viewBudgetBytes(undefined)).to.equal(VIEW_BUDGET_BYTES);
    expect(viewBudgetBytes(8)).to.equal(VIEW_BUDGET_BYTES);
    expect(viewBudgetBytes(4)).to.equal(VIEW_BUDGET_BYTES);
    expect(viewBudgetBytes(2)).to.equal(192 * MB);
    expect(viewBudgetBytes(0.5)).to.equal(96 * MB);
    const plan = planViews(photos('t', 100), photos('v', 25), 3, 7, viewBudgetBytes(1));
    expect(cachedBytes(plan)).to.be.at.most(96 * MB);
    expect(plan.train.length * plan.viewsPerPhoto).to.be.greaterThan(0);
  });

  it('stays with a kept model: its settings say what the budget took, through an export and import', () => {
    const plan = planViews(photos('t', 400), photos('v', 100), 3, 7);
    const settings = sampleSettings({ augmentCopies: plan.viewsPerPhoto, ...(plan.cap ? { viewCap: plan.cap } : {}) });
    const floats = expectedShapes(1).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
    const metrics = {
      valMAP50: 0.5,
      stockValMAP50: 0.4,
      bestEpoch: 1,
      epochs: [],
      trainImages: plan.train.length,
      valImages: plan.val.length,
      backend: 'wasm',
      ms: 1,
      featuresMs: 1,
    };
    const model = buildTrainedModel({ weights: new Float32Array(floats), metrics }, settings, 'capped');
    const back = trainedModelFromZip(trainedModelZip(model)).meta.settings;
    expect(back.viewCap).to.deep.equal({ requestedViews: 3, trainPhotos: 400, valPhotos: 100 });
    expect(back.augmentCopies).to.equal(1);
  });
});
