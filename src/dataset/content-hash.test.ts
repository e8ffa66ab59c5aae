import { expect } from '@esm-bundle/chai';
import { bytesHash, contentHash } from './content-hash.ts';

const subtleHex = async (bytes: Uint8Array) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

const randomBytes = (length: number) => {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
};

describe('content hash (streamed SHA-256)', () => {
  it('is the SHA-256 of the bytes, for a blob read in many chunks and for bytes in memory', async () => {
    const bytes = randomBytes(3_000_017);
    const expected = await subtleHex(bytes);
    expect(await contentHash(new Blob([bytes]))).to.equal(expected);
    expect(bytesHash(bytes)).to.equal(expected);
    expect(await contentHash(new Blob([]))).to.equal(await subtleHex(new Uint8Array()));
  });

  it('hashes several blobs at once correctly (each read keeps its own buffer)', async () => {
    const parts = [randomBytes(700_000), randomBytes(1_300_000), randomBytes(10)];
    const hashes = await Promise.all(parts.map((bytes) => contentHash(new Blob([bytes]))));
    expect(hashes).to.deep.equal(await Promise.all(parts.map(subtleHex)));
  });
});
