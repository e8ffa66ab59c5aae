// For gpu-loss.test.ts only: the loss watch as a worker uses it (the training worker does), with a real
// WebGL loss on the worker's OffscreenCanvas. Also keeps gpu-loss.ts compiling for workers (tsconfig.worker.json).
import { activateBackend } from './backends.ts';
import { loseActiveBackend, selectAfterLoss, watchBackendLoss } from './gpu-loss.ts';

self.onmessage = async () => {
  const steps: string[] = [];
  try {
    steps.push(`webgl ${(await activateBackend('webgl')).ok}`);
    const lost = new Promise<string>((resolve) => watchBackendLoss('webgl', resolve));
    steps.push(`hit ${await loseActiveBackend()}`);
    steps.push(`heard ${await lost}`);
    steps.push(`next ${(await selectAfterLoss('webgl')).active}`);
  } catch (error) {
    steps.push(`error ${String(error)}`);
  }
  postMessage(steps);
};
