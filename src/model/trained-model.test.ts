import { expect } from '@esm-bundle/chai';
import { strToU8, zipSync } from 'fflate';
import { type Problem, ProblemError } from '../shared/problem.ts';
import {
  buildTrainedModel,
  expectedShapes,
  fetchTrainedModel,
  parseTrainedModel,
  TrainedModelError,
  type TrainSettings,
  trainedModelFiles,
} from './trained-model.ts';
import { trainedModelFromZip, trainedModelZip } from './trained-model-zip.ts';

const settings: TrainSettings = {
  classes: ['ball'],
  epochs: 1,
  batchSize: 1,
  learningRate: 0.01,
  augmentCopies: 1,
  patience: 1,
  seed: 1,
  base: 'f16',
};

/** A model of the right layout with zero weights: what the file checks see, without TF.js. */
function zeroModel(hidden = 0) {
  const floats = expectedShapes(1, hidden).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const metrics = {
    valMAP50: null,
    stockValMAP50: null,
    bestEpoch: 0,
    epochs: [],
    trainImages: 0,
    valImages: 0,
    backend: 'cpu',
    ms: 0,
    featuresMs: 0,
  };
  return buildTrainedModel({ weights: new Float32Array(floats), metrics }, settings, 'zero');
}

/** The Problem `run` throws, failing the test if it throws none. */
async function problemOf(run: () => unknown): Promise<Problem> {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(ProblemError);
    return (error as ProblemError).problem;
  }
  throw new Error('expected a ProblemError');
}

describe('trained model files: what is wrong, as a Problem', () => {
  const model = zeroModel();
  const { 'model.json': json, 'weights.bin': bin } = trainedModelFiles(model);
  const weights = bin.slice().buffer;

  it('reads its own zip back', () => {
    expect(trainedModelFromZip(trainedModelZip(model)).meta.id).to.equal(model.meta.id);
  });

  it('a zip without weights.bin, a broken zip, and a file that is not a model', async () => {
    const noWeights = zipSync({ 'model.json': strToU8(json) });
    expect(await problemOf(() => trainedModelFromZip(noWeights))).to.deep.equal({
      code: 'model.filesMissing',
      detail: 'the .zip needs model.json and weights.bin',
    });
    const broken = await problemOf(() => trainedModelFromZip(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2])));
    expect(broken.code).to.equal('archive.unreadable');
    expect(broken.detail).to.match(/^not a readable \.zip \(/);
    expect((await problemOf(() => parseTrainedModel('{nope', weights))).code).to.equal('model.jsonInvalid');
    expect((await problemOf(() => parseTrainedModel('{"format":"tfjs-graph"}', weights))).code).to.equal(
      'model.notTamaLab',
    );
  });

  it('a newer format version, a foreign base, no classes, a wrong layout or size', async () => {
    const meta = JSON.parse(json);
    const variant = (patch: object, data = weights) => parseTrainedModel(JSON.stringify({ ...meta, ...patch }), data);
    expect(await problemOf(() => variant({ version: 9 }))).to.deep.include({
      code: 'model.version',
      params: { version: '9', supported: 1 },
    });
    expect(await problemOf(() => variant({ base: 'f64' }))).to.deep.include({
      code: 'model.base',
      params: { base: 'f64' },
    });
    expect((await problemOf(() => variant({ classes: [] }))).code).to.equal('model.noClasses');
    expect((await problemOf(() => variant({ classes: ['ball', 'サッカーボール'] }))).code).to.equal(
      'model.weightsLayout',
    );
    const short = await problemOf(() => variant({}, weights.slice(0, 1000)));
    expect(short.code).to.equal('model.weightsSize');
    expect(short.detail).to.match(/^weights\.bin has 1000 bytes/);
  });

  it('a model with a hidden path in its class heads reads back with that layout; a size no width fits is refused', async () => {
    const wide = zeroModel(16);
    const read = trainedModelFromZip(trainedModelZip(wide));
    expect(read.meta.weights.length).to.equal(6 * 4 + 6 * 3);
    expect(read.meta.weights.at(-1)).to.deep.equal({ name: 'level5/hiddenOut', shape: [16, 12] });
    expect(read.weights.length).to.equal(wide.weights.length);
    const files = trainedModelFiles(wide);
    // Four bytes more than a width of 16 needs: no whole width gives that many.
    const odd = new Uint8Array(files['weights.bin'].length + 4);
    const refused = await problemOf(() => parseTrainedModel(files['model.json'], odd.buffer));
    expect(refused.code).to.equal('model.weightsSize');
  });

  it('keeps its class, name and English message for logs and the CLIs', () => {
    try {
      trainedModelFromZip(zipSync({}));
      expect.fail('accepted an empty zip');
    } catch (error) {
      expect(error).to.be.instanceOf(TrainedModelError);
      expect((error as Error).name).to.equal('TrainedModelError');
      expect((error as Error).message).to.equal('the .zip needs model.json and weights.bin');
    }
  });

  it('a download that fails says whether the network or the server failed', async () => {
    const missing = await problemOf(() => fetchTrainedModel('/no-such-folder/model.json'));
    expect(missing).to.deep.include({ code: 'network.http', params: { status: 404 } });
    // Nothing answers on port 9 (and Chromium refuses the port anyway): the browser's "Failed to fetch".
    const offline = await problemOf(() => fetchTrainedModel('http://127.0.0.1:9/model.json'));
    expect(offline.code).to.equal('network.offline');
    expect(offline.detail).to.match(/^http:\/\/127\.0\.0\.1:9\/model\.json: TypeError: Failed to fetch/);
  });
});
