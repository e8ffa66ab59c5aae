// npm run mnist -- [--epochs n] [--noise r] [--noise-kind uniform|7to1|4to9] [--backend b] [--seed s]
//   [--train-count n] [--json]
// Trains the MNIST page's CNN, with the page's defaults, on the real 60,000 training digits (with
// `--noise`, that share of the labels flipped, exactly and reproducibly for the seed) in headless
// Chromium, and scores it on all 10,000 test digits: {trainCount, testCount, testAccuracy, msPerEpoch,
// backend, noise, noiseKind, flippedLabels, epochs, ms}; `ms` is the whole run's wall clock, from
// starting the browser to the final score (data loading included; a rebuild of a stale dist/ is not).
import { parseArgs } from 'node:util';
import { NOISE_KINDS, type NoiseKind } from '../src/features/mnist/label-noise.ts';
import { DEFAULT_MNIST_EPOCHS, type MnistEpochReport } from '../src/features/mnist/mnist-protocol.ts';
import { parseBackend, parseUnitInterval, runCli, UsageError } from './lib/detector-session.ts';
import { ensureBuild, openHarness } from './lib/harness.ts';

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, not "${value}"`);
  return number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string' },
      noise: { type: 'string' },
      'noise-kind': { type: 'string' },
      backend: { type: 'string' },
      seed: { type: 'string' },
      'train-count': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const kind = (values['noise-kind'] ?? 'uniform') as NoiseKind;
  if (!NOISE_KINDS.includes(kind))
    throw new UsageError(`--noise-kind must be ${NOISE_KINDS.join(', ')}, not "${kind}"`);
  const options = {
    epochs: wholeNumber('epochs', values.epochs, DEFAULT_MNIST_EPOCHS, 1),
    noise: parseUnitInterval('noise', values.noise, 0),
    noiseKind: kind,
    backend: parseBackend(values.backend),
    seed: wholeNumber('seed', values.seed, 1, 0),
    ...(values['train-count'] ? { trainCount: wholeNumber('train-count', values['train-count'], 60_000, 1) } : {}),
  };
  ensureBuild();
  const started = performance.now();
  const harness = await openHarness();
  try {
    await harness.page.exposeFunction('tamaOnEpoch', (report: MnistEpochReport) => {
      if (!values.json)
        console.log(
          `epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, train accuracy ${(report.trainAccuracy * 100).toFixed(2)} %, ` +
            `test accuracy (first 1,000) ${(report.testAccuracy * 100).toFixed(2)} % (${(report.ms / 1000).toFixed(1)} s)`,
        );
    });
    const result = await harness.page.evaluate((o) => window.tama.mnist(o), options);
    const summary = {
      trainCount: result.trainCount,
      testCount: result.testCount,
      testAccuracy: result.testAccuracy,
      msPerEpoch: result.msPerEpoch,
      backend: result.backend,
      noise: result.noise,
      noiseKind: result.noiseKind,
      flippedLabels: result.flipped,
      epochs: result.epochs.length,
      ms: Math.round(performance.now() - started),
    };
    console.log(
      values.json
        ? JSON.stringify(summary)
        : `test accuracy ${(summary.testAccuracy * 100).toFixed(2)} % on ${summary.testCount} test digits (${summary.trainCount} training digits, ${summary.flippedLabels} labels flipped, ${summary.msPerEpoch} ms/epoch on ${summary.backend}, ${(summary.ms / 1000).toFixed(0)} s in all)`,
    );
    return 0;
  } finally {
    await harness.close();
  }
}

runCli('mnist', main);
