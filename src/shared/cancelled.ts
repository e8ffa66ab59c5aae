/**
 * A run the user stopped. Its name survives the structured clone between a worker and the page
 * (comlink sends name and message), so callers test the name, never the wording of the message.
 */
export class Cancelled extends Error {
  override name = 'Cancelled';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export const isCancelled = (error: unknown): boolean => error instanceof Error && error.name === 'Cancelled';
