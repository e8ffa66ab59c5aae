import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The app's small helpers (settings, events, URLs, error codes…) each became a chunk of a few hundred
// bytes, because each is shared by a different set of pages and workers; a page then waited for 40
// files before it painted, and on a phone network every file is a round trip. Those with no imports
// beyond each other go in one chunk instead. Nothing from a package may join it: a worker that needs one
// helper loads the whole chunk, so it must not bring Lit (which touches `document`) or TF.js along.

const statement = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
/** Larger modules keep their own chunk: every page and worker would download them. */
const LARGEST_MODULE = 4096;
const HELPERS = /[\\/]src[\\/](shared|dataset|model)[\\/][^\\/]+\.ts$/;

const verdicts = new Map<string, boolean>();

function standsAlone(file: string, visiting = new Set<string>()): boolean {
  const known = verdicts.get(file);
  if (known !== undefined) return known;
  if (visiting.has(file)) return true;
  visiting.add(file);
  let alone = HELPERS.test(file) && !file.endsWith('.test.ts') && existsSync(file);
  if (alone) {
    const source = readFileSync(file, 'utf8');
    alone =
      source.length <= LARGEST_MODULE &&
      !/\bimport\(|new Worker\(/.test(source) &&
      [...source.matchAll(statement)].every(
        ([, specifier]) => specifier?.startsWith('.') && standsAlone(resolve(dirname(file), specifier), visiting),
      );
  }
  verdicts.set(file, alone);
  return alone;
}

/** A codeSplitting group for Rolldown: the small self-contained helpers, in one chunk. */
export const smallModulesGroup = {
  name: 'helpers',
  test: (id: string) => !id.includes('node_modules') && standsAlone(id.split('?')[0] as string),
};
