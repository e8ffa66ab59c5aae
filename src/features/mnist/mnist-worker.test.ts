import { expect } from '@esm-bundle/chai';
import { MnistClient } from './mnist-client.ts';
import type { MnistEpochReport } from './mnist-protocol.ts';

describe('MNIST worker (real data, real TF.js in a module worker)', () => {
  let client: MnistClient;

  before(() => {
    client = new MnistClient();
  });

  after(() => client.terminate());

  it('reads the counts from the data: 60,000 training and 10,000 test digits', async () => {
    const info = await client.api.info();
    expect([info.trainCount, info.testCount]).to.deep.equal([60_000, 10_000]);
    expect(info.trainPerDigit.reduce((a, b) => a + b, 0)).to.equal(60_000);
    expect(info.samples.map((row) => row.length)).to.deep.equal(new Array(10).fill(8));
  });

  it('beats 90 % on 2,000 test digits after two epochs on 3,000 training digits (WASM)', async () => {
    const epochs: MnistEpochReport[] = [];
    const result = await client.train(
      { epochs: 2, noise: 0, noiseKind: 'uniform', seed: 1, backend: 'wasm', trainCount: 3000, testCount: 2000 },
      () => {},
      (report) => epochs.push(report),
    );
    expect(result.backend).to.equal('wasm');
    expect(result.testCount).to.equal(2000);
    expect(result.testAccuracy).to.be.greaterThan(0.9);
    expect(epochs).to.have.length(2);
    const confusionTotal = result.confusion.flat().reduce((a, b) => a + b, 0);
    expect(confusionTotal).to.equal(2000);
    expect(result.misclassified.every((m) => m.label !== m.predicted)).to.equal(true);
    const probabilities = await client.api.predict(new Float32Array(784));
    expect(probabilities.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-4);
    expect(await client.api.memory()).to.include({ numTensors: 8 }); // the drawing pad's model only
  });

  it('finds flipped labels among the most suspicious ones (cross-validated, WASM)', async () => {
    const { suspects, flippedAmongThem } = await client.api.suspicious(
      { epochs: 2, noise: 0.2, noiseKind: 'uniform', seed: 3, backend: 'wasm', trainCount: 4000 },
      100,
    );
    expect(suspects).to.have.length(100);
    // One label in five is wrong; a model that learned the digits puts far more than that on top.
    expect(flippedAmongThem).to.be.greaterThan(80);
    expect(await client.api.memory()).to.include({ numTensors: 8 });
  });

  it('trains with the native conv2d on WebGL too', async () => {
    const result = await client.train({
      epochs: 1,
      noise: 0.5,
      noiseKind: '7to1',
      seed: 2,
      backend: 'webgl',
      trainCount: 256,
      testCount: 500,
    });
    expect(result.backend).to.equal('webgl');
    expect(result.flipped).to.be.greaterThan(0);
    expect(Number.isFinite(result.epochs[0]?.loss)).to.equal(true);
  });
});
