// Resident memory of the Chromium renderers this Node process started (Linux /proc): pages and their
// workers live there, decoded images and WASM heaps included, which no JS heap figure shows.
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    // The command name may hold spaces and parentheses; the fields after its closing ")" do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Resident bytes of each renderer process descending from this one; empty where /proc is missing. */
export function rendererResidentBytes(): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
  const parents = new Map(pids.map((pid) => [pid, parentOf(pid)]));
  const descends = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at && hops < 16; at = parents.get(at), hops++)
      if (at === process.pid) return true;
    return false;
  };
  const sizes: number[] = [];
  for (const pid of pids) {
    if (pid === process.pid || !descends(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) sizes.push(Number(rss[1]) * 1024);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return sizes;
}
