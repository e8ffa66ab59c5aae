// Pause and cancel for long work in a worker: the work calls `checkpoint` between two pieces, which
// lets messages (pause, cancel) in, waits while paused and throws Cancelled once cancelled.
import { Cancelled } from '../../shared/cancelled.ts';

/**
 * One turn of the event loop, so that messages get in. A message to itself, not setTimeout(0):
 * chained timers are clamped to 4 ms, a sixth of a whole training step.
 */
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });

export class RunGate {
  paused = false;
  private cancelled = false;

  cancel() {
    this.cancelled = true;
    this.paused = false;
  }

  /** Between two pieces of work: lets messages (pause, cancel) in, waits while paused. */
  readonly checkpoint = async () => {
    await yieldToMessages();
    while (this.paused && !this.cancelled) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.cancelled) throw new Cancelled('the run was cancelled');
  };
}
