import type { ManifestEntry } from 'workbox-build';

const MB = 1e6;

/** Sums precache entries by top folder, largest first: what a phone downloads on its first visit. */
export function precacheTotals(entries: readonly { url: string; size: number }[]): { folder: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const { url, size } of entries) {
    const folder = url.includes('/') ? url.slice(0, url.indexOf('/')) : '(root)';
    totals.set(folder, (totals.get(folder) ?? 0) + size);
  }
  return [...totals].map(([folder, bytes]) => ({ folder, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** A workbox manifest transform that prints the first-visit download at build time and changes nothing. */
export async function reportPrecache(entries: (ManifestEntry & { size: number })[]) {
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  const parts = precacheTotals(entries).map(({ folder, bytes }) => `${folder} ${(bytes / MB).toFixed(2)}`);
  console.log(
    `First visit (precache): ${(total / MB).toFixed(2)} MB in ${entries.length} files — ${parts.join(', ')} MB`,
  );
  return { manifest: entries, warnings: [] };
}
