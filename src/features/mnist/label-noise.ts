// 悪い教師 (bad labels) on purpose: corrupt a chosen share of the training labels, exactly and
// reproducibly. "uniform" flips randomly chosen labels to another random digit; the systematic kinds
// relabel one digit as another (7 → 1, 4 → 9), the mistake a tired human labeller makes.
import { Random } from '../../shared/random.ts';

export const NOISE_KINDS = ['uniform', '7to1', '4to9'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

export interface NoisyLabels {
  labels: Uint8Array;
  /** Indices whose label was changed, ascending. */
  flipped: Uint32Array;
}

/** `count` distinct indices out of `from`, chosen by a seeded partial Fisher–Yates shuffle. */
function choose(from: Uint32Array, count: number, random: Random): Uint32Array {
  const pool = Uint32Array.from(from);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.subarray(0, count).sort();
}

/**
 * Uniform: exactly round(rate × N) labels change, each to a different digit. Systematic: exactly
 * round(rate × (number of source digits)) of the source digit's labels become the target digit.
 */
export function injectLabelNoise(labels: Uint8Array, rate: number, kind: NoiseKind, seed: number): NoisyLabels {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`noise rate must be within 0…1, not ${rate}`);
  const random = new Random(seed);
  const noisy = Uint8Array.from(labels);
  if (kind === 'uniform') {
    const all = Uint32Array.from({ length: labels.length }, (_, i) => i);
    const flipped = choose(all, Math.round(rate * labels.length), random);
    for (const i of flipped) noisy[i] = ((labels[i] as number) + 1 + Math.floor(random.next() * 9)) % 10;
    return { labels: noisy, flipped };
  }
  const [source, target] = kind === '7to1' ? [7, 1] : [4, 9];
  const candidates = Uint32Array.from(
    labels.reduce<number[]>((indices, label, i) => {
      if (label === source) indices.push(i);
      return indices;
    }, []),
  );
  const flipped = choose(candidates, Math.round(rate * candidates.length), random);
  for (const i of flipped) noisy[i] = target;
  return { labels: noisy, flipped };
}
