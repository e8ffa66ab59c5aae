import type { Context } from '@lit/context';

/**
 * A @lit/context key. It is only a typed symbol, so the model and dataset cores can declare theirs
 * without loading Lit (and stay importable from workers).
 */
export function contextKey<Value>(name: string): Context<symbol, Value> {
  return Symbol(name) as Context<symbol, Value>;
}
