// Notices, inside the training worker, that the GPU under TF.js went away: a lost WebGL context (driver
// reset, too many contexts, the OS reclaiming the GPU) or a lost WebGPU device. After that every op
// either throws or hangs, so the run must end and go on elsewhere; the page picks the next backend.
import type * as tfTypes from '@tensorflow/tfjs';
import type { BackendName } from '../../shared/backend/backends.ts';
import { deviceOf, glOf, loseActiveBackend } from '../../shared/backend/gpu-loss.ts';
import { isCancelled } from '../../shared/cancelled.ts';

type Tf = typeof tfTypes;

/** How often a lost WebGL context is looked for, besides its event (which a busy worker may see late). */
const POLL_MS = 250;

export class GpuWatch {
  /** Resolves once the GPU is gone; never rejects. */
  readonly lost: Promise<void>;
  private gone = false;
  private readonly gl: ReturnType<typeof glOf>;
  private readonly device: GPUDevice | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(
    tf: Tf,
    readonly backend: BackendName,
  ) {
    this.gl = backend === 'webgl' ? glOf(tf.backend()) : undefined;
    this.device = backend === 'webgpu' ? deviceOf(tf.backend()) : undefined;
    this.lost = new Promise<void>((resolve) => {
      const lose = () => {
        this.gone = true;
        this.stop();
        resolve();
      };
      const { gl, device } = this;
      if (gl) {
        gl.canvas.addEventListener('webglcontextlost', lose, { once: true });
        this.poll = setInterval(() => {
          if (gl.isContextLost()) lose();
        }, POLL_MS);
      }
      void device?.lost.then(lose);
    });
  }

  /** Whether the GPU is gone (asks WebGL directly, in case its event is still queued). */
  get isLost(): boolean {
    return this.gone || (this.gl?.isContextLost() ?? false);
  }

  /**
   * Whether an op's error came from a lost GPU: the ops may fail (e.g. WebGPU's mapAsync aborts)
   * before `device.lost` resolves, so this waits a moment for the loss to be announced.
   */
  async explains(error: unknown, waitMs = 2000): Promise<boolean> {
    if (this.isLost || !(this.gl || this.device) || !(error instanceof Error) || isCancelled(error)) return this.isLost;
    await Promise.race([this.lost, new Promise((resolve) => setTimeout(resolve, waitMs))]);
    return this.isLost;
  }

  /** Test only: loses the GPU through the real APIs, as a driver reset would. False without a GPU. */
  async loseForTest(): Promise<boolean> {
    return (await loseActiveBackend()) !== undefined;
  }

  stop(): void {
    clearInterval(this.poll);
    this.poll = undefined;
  }
}
