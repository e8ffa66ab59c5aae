// What the MNIST page's cards share: one worker, the run settings, and the one run at a time.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackendChoice } from '../../shared/backend/backends.ts';
import { isCancelled } from '../../shared/cancelled.ts';
import type { NoiseKind } from './label-noise.ts';
import { MnistClient } from './mnist-client.ts';
import { DEFAULT_MNIST_EPOCHS, type MnistProgress, type MnistTrainOptions } from './mnist-protocol.ts';
import { loadMnistModel } from './mnist-store.ts';

export interface MnistSettings {
  epochs: number;
  /** Training images used: the first N of the 60,000. */
  subset: number;
  /** Share of bad labels, 0…0.9. */
  noise: number;
  kind: NoiseKind;
  backend: BackendChoice;
}

export type MnistJob = 'train' | 'sweep' | 'suspects';

type TrainOverrides = Partial<Pick<MnistTrainOptions, 'trainCount' | 'epochs' | 'noise'>>;

export class MnistSession {
  settings: MnistSettings = {
    epochs: DEFAULT_MNIST_EPOCHS,
    subset: 60_000,
    noise: 0,
    kind: 'uniform',
    backend: 'auto',
  };
  running: MnistJob | '' = '';
  progress: MnistProgress | undefined;
  /** The last job's failure (shown with its detail folded); undefined while all is well. */
  error: unknown = undefined;
  /** A model is in the worker (trained now or restored), so the drawing pad can answer. */
  hasModel = false;
  private client: MnistClient | undefined;
  private readonly listeners = new Set<() => void>();

  /** The worker, started on first use. */
  get worker(): MnistClient {
    this.client ??= new MnistClient();
    return this.client;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  configure(settings: Partial<MnistSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.changed();
  }

  setProgress(progress: MnistProgress): void {
    this.progress = progress;
    this.changed();
  }

  modelReady(): void {
    this.hasModel = true;
    this.changed();
  }

  options(overrides: TrainOverrides = {}): MnistTrainOptions {
    const { epochs, noise, kind, backend, subset } = this.settings;
    return { epochs, noise, noiseKind: kind, seed: 1, backend, trainCount: subset, ...overrides };
  }

  /**
   * Runs one job with the controls locked; its errors are shown as model errors. A cancelled training
   * run is not an error, but a cancelled suspects search has always been reported as one.
   */
  async run(job: MnistJob, work: (worker: MnistClient) => Promise<void>): Promise<void> {
    this.running = job;
    this.error = undefined;
    this.changed();
    try {
      await work(this.worker);
    } catch (error) {
      if (job === 'suspects' || !isCancelled(error)) this.error = error;
    } finally {
      this.running = '';
      this.progress = undefined;
      this.changed();
    }
  }

  cancel(): void {
    this.client?.cancel();
  }

  /** Puts the model saved by the last visit back into the worker. */
  async restore(): Promise<void> {
    const saved = await loadMnistModel();
    if (!saved) return;
    await this.worker.api.useWeights(saved.weights);
    this.modelReady();
  }

  /** Frees the worker's memory; the next use starts a fresh one. */
  dispose(): void {
    this.client?.terminate();
    this.client = undefined;
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }
}

/** Re-renders a card whenever the session in its `session` property changes. */
export class SessionController implements ReactiveController {
  private followed: MnistSession | undefined;
  private unsubscribe = () => {};

  constructor(private readonly host: ReactiveControllerHost & { session: MnistSession | undefined }) {
    host.addController(this);
  }

  hostConnected() {
    this.follow();
  }

  hostUpdate() {
    this.follow();
  }

  hostDisconnected() {
    this.unsubscribe();
    this.unsubscribe = () => {};
    this.followed = undefined;
  }

  private follow() {
    const session = this.host.session;
    if (session === this.followed) return;
    this.unsubscribe();
    this.followed = session;
    this.unsubscribe = session?.subscribe(() => this.host.requestUpdate()) ?? (() => {});
  }
}
