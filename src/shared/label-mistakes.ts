// The four labelling mistakes the app teaches about (悪い教師) and finds (教師チェック): a ball nobody
// boxed, a box on no ball, a box beside its ball, a box with the wrong class.
export const LABEL_MISTAKES = ['missed', 'extra', 'loose', 'class'] as const;
export type LabelMistake = (typeof LABEL_MISTAKES)[number];
