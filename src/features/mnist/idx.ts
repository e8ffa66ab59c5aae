// The IDX format of the MNIST files (yann.lecun.com/exdb/mnist): a 4-byte magic number — two zero
// bytes, the element type (0x08 = unsigned byte) and the number of dimensions — then each dimension
// as a big-endian uint32, then the data. Every promise the header makes is checked against the bytes.
import { appUrl } from '../../shared/app-url.ts';
import type { DownloadMeter } from '../../shared/download-progress.ts';
import { ProblemError, problem } from '../../shared/problem.ts';

/** An IDX file that is not what it claims; worded for the user as 'mnist.idxInvalid', naming `file`. */
export class IdxError extends ProblemError {
  override name = 'IdxError';

  constructor(file: string, detail: string) {
    super(problem('mnist.idxInvalid', `${file}: ${detail}`, { file }));
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  if (bytes.length < 4) throw new IdxError(name, `${bytes.length} bytes is too short for an IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0)
    throw new IdxError(
      name,
      `wrong magic number (starts ${hex(bytes[0])} ${hex(bytes[1])}, not 00 00): not an IDX file`,
    );
  if (bytes[2] !== UNSIGNED_BYTE)
    throw new IdxError(name, `element type ${hex(bytes[2])} is not supported (MNIST uses 08, unsigned bytes)`);
  const rank = bytes[3] as number;
  if (rank < 1 || rank > 4) throw new IdxError(name, `${rank} dimensions is not a plausible MNIST file`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new IdxError(name, `truncated inside its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((product, size) => product * size, 1);
  const found = bytes.length - headerBytes;
  if (found < expected)
    throw new IdxError(
      name,
      `truncated: the header promises ${expected} bytes of data (${dims.join('×')}), found ${found}`,
    );
  if (found > expected) throw new IdxError(name, `${found - expected} bytes more than its header describes`);
  return { dims, data: bytes.subarray(headerBytes) };
}

function hex(value: number | undefined): string {
  return (value ?? 0).toString(16).padStart(2, '0');
}

export interface MnistSplit {
  count: number;
  /** count × 28 × 28 grey levels, 0 (paper) … 255 (ink). */
  images: Uint8Array;
  labels: Uint8Array;
}

export const IMAGE_SIZE = 28;

/** Pairs an images file with its labels file, checking shapes, counts and label values. */
export function parseMnist(imageBytes: Uint8Array, labelBytes: Uint8Array, name = 'MNIST'): MnistSplit {
  const images = parseIdx(imageBytes, `${name} images`);
  const labels = parseIdx(labelBytes, `${name} labels`);
  if (images.dims.length !== 3 || images.dims[1] !== IMAGE_SIZE || images.dims[2] !== IMAGE_SIZE)
    throw new IdxError(`${name} images`, `expected N×28×28, found ${images.dims.join('×')}`);
  if (labels.dims.length !== 1)
    throw new IdxError(`${name} labels`, `expected one dimension, found ${labels.dims.length}`);
  const count = images.dims[0] as number;
  if (labels.dims[0] !== count)
    throw new IdxError(name, `${count} images but ${labels.dims[0]} labels: the files do not belong together`);
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) throw new IdxError(`${name} labels`, `label ${labels.data[bad]} at ${bad} is not a digit`);
  return { count, images: images.data, labels: labels.data };
}

/** Reads a gzip'ed IDX file as served from public/mnist/, inflated by the browser. */
export async function fetchIdxGz(url: string, meter?: DownloadMeter): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const body = meter ? meter.body(response) : response.body;
  const inflated = body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

/** The real MNIST split, from the files produced at install time (never from the network at large). */
export async function loadMnist(
  split: 'train' | 'test',
  base = appUrl('mnist/'),
  meter?: DownloadMeter,
): Promise<MnistSplit> {
  const [images, labels] = await Promise.all(FILES[split].map((name) => fetchIdxGz(`${base}${name}.gzip`, meter)));
  return parseMnist(images as Uint8Array, labels as Uint8Array, split === 'train' ? 'training set' : 'test set');
}
