// The sentence under the bad-labels lab's chart: what the latest kind's runs showed, in numbers, and
// what that kind of bad box teaches a model.
import { msg, str } from '@lit/localize';
import type { BoxNoiseKind } from '../../dataset/box-noise.ts';
import { mistakeName } from '../../shared/ui/mistake-names.ts';
import { type BoxNoiseRun, meanPerRate } from './box-noise-store.ts';

const lessons = (kind: BoxNoiseKind): string => {
  switch (kind) {
    case 'missed':
      return msg(
        'Balls left without a box teach the model that balls are background: it gets timid and finds fewer, even while it still ranks them first.',
        { id: 'noise.lesson.missed' },
      );
    case 'loose':
      return msg(
        'Boxes beside the ball teach the model to box beside the ball: fewer of its boxes overlap a ball enough to count.',
        { id: 'noise.lesson.loose' },
      );
    case 'extra':
      return msg(
        'Boxes on random places have little in common to learn from, so they hurt less than you might expect — but each one still teaches something wrong.',
        { id: 'noise.lesson.extra' },
      );
    case 'class':
      return msg(
        'Swapped classes teach the model to mix the classes up: it still finds the balls, but names them wrongly.',
        { id: 'noise.lesson.class' },
      );
  }
};

const percent = (value: number) => `${Math.round(value * 100)} %`;

export function noiseLessonFor(kind: BoxNoiseKind, runs: readonly BoxNoiseRun[], rates: readonly number[]): string {
  const mAP = meanPerRate(runs, kind, rates, (run) => run.mAP50);
  const found = meanPerRate(runs, kind, rates, (run) => run.recall);
  const last = rates.findLastIndex((_, i) => mAP[i] !== null);
  const first = rates.findIndex((_, i) => mAP[i] !== null);
  if (first < 0 || last <= first) return lessons(kind);
  const [from, to] = [rates[first] as number, rates[last] as number];
  return `${msg(
    str`${mistakeName(kind)}, from ${percent(from)} to ${percent(to)} of the boxes: mAP@0.5 ${(mAP[first] as number).toFixed(2)} → ${(mAP[last] as number).toFixed(2)}, balls found at the live threshold ${percent(found[first] as number)} → ${percent(found[last] as number)}.`,
    { id: 'noise.summary' },
  )} ${lessons(kind)}`;
}
