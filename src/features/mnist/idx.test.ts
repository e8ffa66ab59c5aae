import { expect } from '@esm-bundle/chai';
import { IdxError, loadMnist, parseIdx, parseMnist } from './idx.ts';

function idx(dims: number[], data: number[], type = 0x08): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, type, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((size, i) => {
    view.setUint32(4 + 4 * i, size, false);
  });
  const bytes = new Uint8Array(header.length + data.length);
  bytes.set(header);
  bytes.set(data, header.length);
  return bytes;
}

const pixels = (count: number) => Array.from({ length: count * 28 * 28 }, (_, i) => i % 256);

describe('IDX parser', () => {
  it('reads dimensions and data', () => {
    const parsed = parseIdx(idx([2, 3], [1, 2, 3, 4, 5, 6]));
    expect(parsed.dims).to.deep.equal([2, 3]);
    expect(Array.from(parsed.data)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const mnist = parseMnist(idx([2, 28, 28], pixels(2)), idx([2], [7, 1]));
    expect(mnist.count).to.equal(2);
    expect(Array.from(mnist.labels)).to.deep.equal([7, 1]);
  });

  it('refuses a wrong magic number, another element type, a truncated file and extra bytes', () => {
    const wrongMagic = idx([1], [5]);
    wrongMagic[1] = 8;
    expect(() => parseIdx(wrongMagic, 'x')).to.throw(IdxError, /wrong magic number/);
    expect(() => parseIdx(idx([1], [0, 0, 0, 0], 0x0d), 'x')).to.throw(/element type 0d/);
    expect(() => parseIdx(idx([4, 28, 28], pixels(4)).subarray(0, 100), 'x')).to.throw(
      /truncated: the header promises 3136 bytes/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), 'x')).to.throw(/truncated inside its header/);
    expect(() => parseIdx(idx([2], [1, 2, 3]), 'x')).to.throw(/1 bytes more/);
  });

  it('refuses images and labels that do not belong together', () => {
    expect(() => parseMnist(idx([3, 28, 28], pixels(3)), idx([2], [1, 2]))).to.throw(/3 images but 2 labels/);
    expect(() => parseMnist(idx([1, 27, 28], pixels(1).slice(0, 27 * 28)), idx([1], [1]))).to.throw(/N×28×28/);
    expect(() => parseMnist(idx([1, 28, 28], pixels(1)), idx([1], [12]))).to.throw(/label 12 .* not a digit/);
  });

  it('reads the real MNIST test set: 10,000 digits, every class present', async () => {
    const test = await loadMnist('test');
    expect(test.count).to.equal(10_000);
    expect(test.images.length).to.equal(10_000 * 784);
    const perDigit = new Array(10).fill(0);
    for (const label of test.labels) perDigit[label]++;
    expect(perDigit.every((n) => n > 800)).to.equal(true);
  });
});
