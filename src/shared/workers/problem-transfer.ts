// Comlink sends a thrown Error across a worker boundary as its name, message and stack only, so a
// worker's ProblemError would reach the page as English text. Installed in a worker, this keeps the
// Problem beside them; `problemOf` (errors.ts) reads it back and words it in the user's language.
import { type TransferHandler, transferHandlers } from 'comlink';
import { ProblemError } from '../problem.ts';

interface Thrown {
  value: unknown;
}
interface ThrownOnTheWire {
  isError: boolean;
  value: unknown;
}

export function keepProblemsAcrossWorkers(): void {
  const comlinkThrow = transferHandlers.get('throw') as TransferHandler<Thrown, ThrownOnTheWire>;
  transferHandlers.set('throw', {
    canHandle: comlinkThrow.canHandle,
    deserialize: comlinkThrow.deserialize,
    serialize(thrown: Thrown) {
      const [wire, transfer] = comlinkThrow.serialize(thrown);
      if (!(thrown.value instanceof ProblemError) || !wire.isError) return [wire, transfer];
      return [{ ...wire, value: { ...(wire.value as object), problem: thrown.value.problem } }, transfer];
    },
  } satisfies TransferHandler<Thrown, ThrownOnTheWire>);
}
