// Plain words for the ML and web terms a first-year student meets in the app, in both languages.
// <glossary-term> shows them where the term appears.
import { msg } from '@lit/localize';

export const GLOSSARY_TERMS = [
  'backend',
  'webgpu',
  'webgl',
  'wasm',
  'sportsBall',
  'threshold',
  'map',
  'views',
  'learningRate',
  'trainVal',
  'epoch',
  'label',
  'crossValidation',
  'recall',
  'labelNoise',
] as const;
export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];

export function isGlossaryTerm(value: unknown): value is GlossaryTerm {
  return GLOSSARY_TERMS.includes(value as GlossaryTerm);
}

/** The term as the app's screens write it. */
export function termName(term: GlossaryTerm): string {
  switch (term) {
    case 'backend':
      return msg('Backend', { id: 'glossary.name.backend' });
    case 'webgpu':
      return 'WebGPU';
    case 'webgl':
      return 'WebGL';
    case 'wasm':
      return 'WASM';
    case 'sportsBall':
      return msg('"sports ball"', { id: 'glossary.name.sportsBall' });
    case 'threshold':
      return msg('Threshold', { id: 'glossary.name.threshold' });
    case 'map':
      return 'mAP@0.5';
    case 'views':
      return msg('Views per photo', { id: 'glossary.name.views' });
    case 'learningRate':
      return msg('Learning rate', { id: 'glossary.name.learningRate' });
    case 'trainVal':
      return msg('Training / validation', { id: 'glossary.name.trainVal' });
    case 'epoch':
      return msg('Epoch', { id: 'glossary.name.epoch' });
    case 'label':
      return msg('Label', { id: 'glossary.name.label' });
    case 'crossValidation':
      return msg('Cross-validation', { id: 'glossary.name.crossValidation' });
    case 'recall':
      return msg('Found (recall)', { id: 'glossary.name.recall' });
    case 'labelNoise':
      return msg('Bad labels', { id: 'glossary.name.labelNoise' });
  }
}

export function explain(term: GlossaryTerm): string {
  switch (term) {
    case 'backend':
      return msg(
        "The engine that does the model's arithmetic on this device: the graphics chip (WebGPU, WebGL) or the processor (WASM, CPU). Faster engines give more frames per second; the answers are the same.",
        { id: 'glossary.backend' },
      );
    case 'webgpu':
      return msg(
        'WebGPU: the newest way for a web page to compute on the graphics chip. Usually the fastest where it works.',
        { id: 'glossary.webgpu' },
      );
    case 'webgl':
      return msg(
        'WebGL: the older way to compute on the graphics chip, through the drawing system. Works on almost every phone.',
        { id: 'glossary.webgl' },
      );
    case 'wasm':
      return msg(
        'WASM (WebAssembly): fast code that runs on the processor. The safe choice when the graphics chip is missing or slow.',
        { id: 'glossary.wasm' },
      );
    case 'sportsBall':
      return msg(
        '"sports ball" is the ball class of COCO, the 80-class photo collection the stock detector learned from. It knows balls as they look in those photos, so it misses many real ones.',
        { id: 'glossary.sportsBall' },
      );
    case 'threshold':
      return msg(
        'The model gives each box a score from 0 to 100 %. Only boxes at or above the threshold are shown: lower finds more balls but also more mistakes.',
        { id: 'glossary.threshold' },
      );
    case 'map':
      return msg(
        'mAP@0.5: one number for how good a detector is, from 0 to 1. A box counts as correct when it overlaps a labelled ball by at least half (IoU ≥ 0.5); the number rewards finding every ball without false alarms.',
        { id: 'glossary.map' },
      );
    case 'views':
      return msg(
        'Views per photo: each photo is shown to the model several times, flipped, zoomed or moved a little, so a few photos teach more.',
        { id: 'glossary.views' },
      );
    case 'learningRate':
      return msg(
        'Learning rate: how big a step the model takes each time it corrects itself. Too big and it jumps around; too small and it learns slowly.',
        { id: 'glossary.learningRate' },
      );
    case 'trainVal':
      return msg(
        'Training photos teach the model; validation photos are kept aside to check it on photos it has never seen, like a test after the lessons.',
        { id: 'glossary.trainVal' },
      );
    case 'epoch':
      return msg('Epoch: one pass through all the training photos. Training runs several epochs.', {
        id: 'glossary.epoch',
      });
    case 'label':
      return msg(
        'Label (教師): the right answer you give for a photo, here a box around each ball. The model learns from labels, so wrong labels teach it wrong.',
        { id: 'glossary.label' },
      );
    case 'crossValidation':
      return msg(
        'Cross-validation: the photos are split into 5 groups; 5 models each learn from 4 groups and judge the fifth. So every photo is judged by a model that never saw it, and cannot simply repeat its label.',
        { id: 'glossary.crossValidation' },
      );
    case 'recall':
      return msg(
        'Found (recall): the share of the labelled balls the model finds at the live view’s threshold (50 %). A model taught that some balls are background gets timid and finds fewer.',
        { id: 'glossary.recall' },
      );
    case 'labelNoise':
      return msg(
        'Bad labels (悪い教師): wrong answers in the labels — a ball left without a box, a box on no ball, a box beside its ball, the wrong class. The model learns them as if they were right.',
        { id: 'glossary.labelNoise' },
      );
  }
}
