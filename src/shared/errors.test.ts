// The English side of the error catalogue (the source locale); the Japanese side of every message is
// checked by scripts/check-i18n.ts and rendered in tests/lint/error-catalogue.test.ts.
import { expect } from '@esm-bundle/chai';
import { describeCause, describeError, describeProblem, describeSkip, errorDetail, problemOf } from './errors.ts';
import { PROBLEM_CODES, type Problem, ProblemError, problem } from './problem.ts';
import { StorageFullError } from './storage-full.ts';

const generic = /^Model error: Something unexpected went wrong\./;

/** What a real failed fetch() throws in this browser. */
async function failedFetch(): Promise<unknown> {
  try {
    await fetch('http://127.0.0.1:9/nothing');
  } catch (error) {
    return error;
  }
  throw new Error('the fetch did not fail');
}

describe('errors in the user’s words', () => {
  it('words a ProblemError from its code and parameters, never its English detail', () => {
    const error = new ProblemError(
      problem('coco.invalid', 'annotations[2].bbox has a non-positive size', {
        file: 'annotations.json',
        where: 'annotations[2].bbox',
      }),
    );
    const text = describeError('dataset', error);
    expect(text).to.equal('Dataset error: The labels file annotations.json has a mistake at annotations[2].bbox.');
    expect(text).to.not.contain('non-positive');
    expect(errorDetail(error)).to.equal('annotations[2].bbox has a non-positive size');
    expect(problemOf(error)).to.equal(error.problem);
  });

  it('says "no network" for the browser’s failed fetch, with its message only in the detail', async () => {
    const error = await failedFetch();
    expect((error as Error).message).to.equal('Failed to fetch');
    const text = describeError('model', error);
    expect(text).to.equal('Model error: No network connection. Check the Wi-Fi or mobile data, then try again.');
    expect(errorDetail(error)).to.equal('TypeError: Failed to fetch');
    // The same error after crossing from a worker keeps only its name and message.
    const crossed = Object.assign(new Error('Failed to fetch'), { name: 'TypeError' });
    expect(describeCause(crossed)).to.equal(describeCause(error));
    expect(describeCause(new TypeError('Load failed'))).to.equal(describeCause(error));
  });

  it('says which HTTP status a download got, and that the device is full', () => {
    expect(describeCause(new Error('/mnist/train.idx: HTTP 503'))).to.equal(
      'The server did not send the file (HTTP 503). Try again later.',
    );
    const tfjs = new Error('Request to /m/model.json failed with status code 404. Please verify this URL…');
    expect(problemOf(tfjs)).to.deep.include({ code: 'network.http', params: { status: 404 } });
    for (const full of [
      new StorageFullError('quota'),
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    ]) {
      expect(describeCause(full)).to.match(/^The device's storage is full\./);
    }
  });

  it('anything else is a generic sentence for its stage; the raw text goes to the detail', () => {
    for (const error of [
      new Error('detector was disposed'),
      new RangeError('Invalid array length'),
      'a string',
      42,
      undefined,
    ]) {
      const text = describeError('model', error);
      expect(text, String(error)).to.match(generic);
      expect(text).to.not.contain(String(error));
    }
    expect(errorDetail(new Error('detector was disposed'))).to.equal('detector was disposed');
    expect(errorDetail(new RangeError('Invalid array length'))).to.equal('RangeError: Invalid array length');
    expect(errorDetail('a string')).to.equal('a string');
    expect(errorDetail(undefined)).to.equal(undefined);
    expect(describeError('backend', new Error('x'))).to.match(/^Backend error: /);
    expect(describeCause(new DOMException('aborted', 'AbortError'))).to.equal('Stopped.');
  });

  it('every code has its own sentence, with its parameters filled in', () => {
    const params = {
      ...{ limit: '32 MB', max: 5000, declared: '99×32', actual: '32×32', size: '32×32', file: 'a.json' },
      ...{ where: 'images[0]', version: 9, supported: 1, base: 'f64', label: 'ball', status: 404 },
      ...{ wanted: 'WEBGPU', active: 'WASM', lost: 'WEBGL' },
    };
    const sentences = PROBLEM_CODES.map((code) => describeProblem({ code, params }));
    const unknown = describeProblem({ code: 'no.such.code' } as unknown as Problem);
    expect(unknown).to.equal('This could not be read.');
    expect(sentences).to.not.include(unknown);
    expect(new Set(sentences).size).to.equal(PROBLEM_CODES.length);
    for (const sentence of sentences) expect(sentence).to.not.match(/\?|undefined|\[object/);
    expect(describeProblem({ code: 'archive.empty' })).to.equal('The .zip holds no photos.');
  });

  it('words a skipped item by its problem, never by its English reason', () => {
    const skip = { item: 'a.jpg', reason: 'corrupt or unsupported image', problem: problem('image.unreadable', 'x') };
    expect(describeSkip(skip)).to.equal('The image is damaged or in a format this browser cannot read.');
    expect(describeSkip({ reason: 'corrupt or unsupported image' })).to.equal('This could not be read.');
  });
});
