// The page's handle on the MNIST worker; one per page visit, terminated when the page goes.
import { proxy, type Remote, wrap } from 'comlink';
import type {
  MnistEpochReport,
  MnistProgress,
  MnistResult,
  MnistTrainOptions,
  MnistWorkerApi,
} from './mnist-protocol.ts';

export class MnistClient {
  private readonly worker = new Worker(new URL('./mnist.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tama-mnist',
  });
  readonly api: Remote<MnistWorkerApi> = wrap<MnistWorkerApi>(this.worker);

  train(
    options: MnistTrainOptions,
    onProgress: (progress: MnistProgress) => void = () => {},
    onEpoch: (report: MnistEpochReport) => void = () => {},
  ): Promise<MnistResult> {
    return this.api.train(options, proxy(onProgress), proxy(onEpoch)) as Promise<MnistResult>;
  }

  terminate() {
    this.worker.terminate();
  }
}
