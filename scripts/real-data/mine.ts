// Hard-negative mining: run the model being trained over real photos without balls that it has not
// learned from yet, and keep those it boxes something in. Training on exactly those photos teaches
// "not a ball" where the model is wrong, which a random sample of negatives mostly does not.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REAL_SOURCES } from '../../src/dataset/real-sources.ts';
import type { TrainedModelMeta } from '../../src/model/trained-model.ts';
import { openDetectorSession } from '../lib/detector-session.ts';
import { type TrainItem, writeModelFolder } from '../lib/train-session.ts';
import { shuffled } from './mix.ts';
import { readRealSource } from './yolo.ts';

export interface MinedNegatives {
  candidates: number;
  mined: TrainItem[];
}

/** Negative photos the mix did not use (`used` holds their paths), tried in a seeded order. */
function unusedNegatives(root: string, used: Set<string>, seed: number, limit: number): string[] {
  const paths = REAL_SOURCES.filter((source) => source.role === 'negatives')
    .flatMap((source) => readRealSource(root, source))
    .filter((photo) => photo.split === 'train' && !used.has(photo.path))
    .map((photo) => photo.path);
  return shuffled(paths, seed).slice(0, limit);
}

export async function mineHardNegatives(
  files: { json: string; weightsBase64: string },
  options: { root: string; used: Set<string>; seed: number; candidates: number; threshold: number },
  log: (line: object) => void,
): Promise<MinedNegatives> {
  const folder = mkdtempSync(join(tmpdir(), 'tama-mining-'));
  writeModelFolder(folder, { meta: JSON.parse(files.json) as TrainedModelMeta, files });
  const candidates = unusedNegatives(options.root, options.used, options.seed, options.candidates);
  const session = await openDetectorSession('wasm', folder);
  const mined: TrainItem[] = [];
  try {
    for (const [index, path] of candidates.entries()) {
      const { detections } = await session.detectFile(path, { threshold: options.threshold });
      if (detections.length > 0) mined.push({ path, boxes: [] });
      if ((index + 1) % 250 === 0) log({ mining: index + 1, of: candidates.length, mined: mined.length });
    }
  } finally {
    await session.close();
  }
  log({ mined: mined.length, of: candidates.length, threshold: options.threshold });
  return { candidates: candidates.length, mined };
}
