import { expect } from '@esm-bundle/chai';
import { loadTf } from '../shared/backend/backends.ts';
import { ANCHORS_PER_CELL, featureSizes, generateAnchors } from './anchors.ts';
import { modelUrl } from './model-variants.ts';
import { ANCHOR_COUNT, graphAnchors, LEVELS } from './ssd-heads.ts';

describe('anchors', () => {
  it('at 300×300 are exactly the graph’s own 1917 anchors', async () => {
    const tf = await loadTf();
    const model = await tf.loadGraphModel(modelUrl('f32'));
    const fromGraph = graphAnchors(tf, model);
    const expected = (await fromGraph.data()) as Float32Array;
    fromGraph.dispose();
    model.dispose();
    const generated = generateAnchors(300);
    expect(generated.length).to.equal(ANCHOR_COUNT * 4);
    let worst = 0;
    for (let i = 0; i < generated.length; i++)
      worst = Math.max(worst, Math.abs((generated[i] as number) - (expected[i] as number)));
    // TF computed them in float32 in another order.
    expect(worst).to.be.below(1e-4);
  });

  it('follow the feature maps of smaller inputs', () => {
    expect(featureSizes(300)).to.deep.equal(LEVELS.map((level) => level.size));
    expect(ANCHORS_PER_CELL).to.deep.equal(LEVELS.map((level) => level.anchors));
    expect(featureSizes(224)).to.deep.equal([14, 7, 4, 2, 1, 1]);
    const anchors = generateAnchors(224);
    expect(anchors.length / 4).to.equal(14 * 14 * 3 + (49 + 16 + 4 + 1 + 1) * 6);
  });
});
