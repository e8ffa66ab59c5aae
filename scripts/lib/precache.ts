// Reads the precache list out of a built service worker: the files a first visit downloads.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PrecachedFile {
  url: string;
  bytes: number;
}

export function precachedFiles(distDir: string): PrecachedFile[] {
  const worker = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const urls = [...worker.matchAll(/\burl:\s*"([^"]+)"|"url":\s*"([^"]+)"/g)].map((match) => match[1] ?? match[2]);
  if (urls.length === 0) throw new Error(`no precache manifest found in ${distDir}/sw.js`);
  return urls.map((url) => ({ url: url as string, bytes: statSync(join(distDir, url as string)).size }));
}
