// The labelling mistakes' names in the user's language, for the checker, its review and the noise lab.
import { msg } from '@lit/localize';
import type { LabelMistake } from '../label-mistakes.ts';

export function mistakeName(kind: LabelMistake): string {
  switch (kind) {
    case 'missed':
      return msg('Missed ball', { id: 'check.kind.missed' });
    case 'extra':
      return msg('Box on no ball', { id: 'check.kind.extra' });
    case 'loose':
      return msg('Loose box', { id: 'check.kind.loose' });
    case 'class':
      return msg('Wrong class', { id: 'check.kind.class' });
  }
}
