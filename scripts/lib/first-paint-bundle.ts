// The JavaScript a page needs before it paints its words and controls, from the build's manifest
// (dist/.vite/manifest.json): the entry, the shell, the Japanese words (the larger locale) and the
// page's own modules, each with every chunk they import statically. Dynamic imports (TF.js, the model,
// the service worker's window side) come after the paint and do not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** What each page's URL loads before it paints (src/app/page-modules.ts). */
export const FIRST_PAINT_MODULES: Record<string, string[]> = {
  detect: ['src/features/detection/detect-page.ts'],
  label: ['src/features/labeling/label-page.ts'],
  train: ['src/features/training/train-page.ts'],
  about: ['src/app/about-page.ts'],
};
const SHELL = ['index.html', 'src/app/tama-app.ts', 'src/app/locales/ja.ts'];

export interface FirstPaintBundle {
  /** Chunk files, each with its gzip'ed size in bytes. */
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
}

function readManifest(distDir: string): Manifest {
  return JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

/** The chunk files of these modules (manifest keys) and of everything they import statically. */
export function chunkClosure(distDir: string, keys: readonly string[], manifest = readManifest(distDir)): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return files;
}

/**
 * TF.js (with what it imports), its WASM backend and the detector's own chunks: what must wait until
 * the page has painted. (The small helpers they share with the pages are not counted.)
 */
export function heavyChunks(distDir: string): Set<string> {
  const manifest = readManifest(distDir);
  const heavy = chunkClosure(distDir, ['src/shared/backend/tf.ts'], manifest);
  for (const key of ['src/shared/backend/wasm-backend.ts', 'src/model/detector.ts']) {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    heavy.add(chunk.file);
  }
  return heavy;
}

/** Each worker's entry (a manifest key) with every chunk it loads. */
export function workerChunks(distDir: string): Map<string, Set<string>> {
  const manifest = readManifest(distDir);
  const workers = Object.keys(manifest).filter((key) => /\.worker\.ts$/.test(key));
  return new Map(workers.map((key) => [key, chunkClosure(distDir, [key], manifest)]));
}

export function firstPaintBundle(distDir: string, page: string): FirstPaintBundle {
  const modules = FIRST_PAINT_MODULES[page];
  if (!modules) throw new Error(`no first-paint modules listed for /${page}`);
  const files = chunkClosure(distDir, [...SHELL, ...modules]);
  const sized = [...files].map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(distDir, file))).length }));
  sized.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { files: sized, gzipBytes: sized.reduce((sum, { gzipBytes }) => sum + gzipBytes, 0) };
}
