import { msg } from '@lit/localize';
import type { NoiseKind } from './label-noise.ts';

/** A count in the reader's locale: 60,000 or 60.000. */
export const formatNumber = (value: number): string => new Intl.NumberFormat().format(value);

export function noiseKindName(kind: NoiseKind): string {
  return {
    uniform: msg('random digit', { id: 'mnist.noise.uniform' }),
    '7to1': msg('7 labelled as 1', { id: 'mnist.noise.7to1' }),
    '4to9': msg('4 labelled as 9', { id: 'mnist.noise.4to9' }),
  }[kind];
}
