// The label-check worker: the label checker and the bad-labels lab fit many small heads; TF.js and all
// of that live here, so the page stays smooth.
import { expose } from 'comlink';
import { loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { HeadFits } from './head-fits.ts';
import type { LabelCheckWorkerApi } from './label-check-protocol.ts';
import { runLabelCheck } from './label-check-run.ts';
import { runNoiseLab } from './noise-lab-run.ts';

let current: HeadFits | undefined;

/** Loads TF.js, the backend and the graph, runs `work`, and frees everything after, whatever happens. */
async function withFits<T>(
  request: { backend: Parameters<typeof selectBackend>[0]; modelUrl: string },
  onLoading: () => void,
  work: (fits: HeadFits, backend: Awaited<ReturnType<typeof selectBackend>>['active']) => Promise<T>,
): Promise<T> {
  if (current) throw new Error('a label check is already running');
  onLoading();
  const tf = await loadTf();
  const { active } = await selectBackend(request.backend);
  const fits = await HeadFits.load(tf, request.modelUrl);
  current = fits;
  try {
    return await work(fits, active);
  } finally {
    fits.dispose();
    current = undefined;
  }
}

const api: LabelCheckWorkerApi = {
  async check(request, onProgress) {
    const started = performance.now();
    return withFits(
      request,
      () => onProgress({ phase: 'loading', done: 0, total: 1 }),
      async (fits, backend) => ({
        ...(await runLabelCheck(fits, request, onProgress)),
        backend,
        ms: Math.round(performance.now() - started),
      }),
    );
  },
  async noiseLab(request, onProgress, onResult) {
    return withFits(
      request,
      () => onProgress({ phase: 'loading', done: 0, total: 1 }),
      (fits, backend) => runNoiseLab(fits, request, backend, onProgress, onResult),
    );
  },
  pause() {
    if (current) current.paused = true;
  },
  resume() {
    if (current) current.paused = false;
  },
  cancel() {
    current?.cancel();
  },
  ping() {},
};

expose(api);
