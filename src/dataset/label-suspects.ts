// 教師チェック: a photo's labels against what a model that never trained on the photo detects there.
// Where they disagree, one of them is wrong; the model is right often enough that the disagreements,
// ranked by how sure the model is, put the labelling mistakes first. Four kinds, one rule each:
// - missed: a confident detection that no label covers (a ball nobody boxed);
// - loose: a label and a confident detection that overlap, but poorly (the box is beside the ball);
// - class: the model sees another class in the label's box, and not the labelled one;
// - extra: a label that no detection supports (a box on a head, an apple, the floor).

import { type Box, type Detection, iou } from '../model/geometry.ts';
import { LABEL_MISTAKES, type LabelMistake } from '../shared/label-mistakes.ts';
import type { LabeledBox } from './dataset-store.ts';

export const SUSPECT_KINDS = LABEL_MISTAKES;
export type SuspectKind = LabelMistake;

export interface LabelSuspect {
  kind: SuspectKind;
  /** The label's box; for `missed`, the box the model suggests adding. */
  box: Box;
  label: string;
  /** Which of the photo's boxes it is about (not for `missed`). */
  boxIndex?: number;
  /** The model's view: the box to add or snap to, the class to change to. */
  suggestion?: Detection;
  /** 0…1: how sure the checker is that this is a mistake. */
  score: number;
}

/** Overlap at which a detection and a label are the same ball. */
const SAME = 0.5;
/** Below this a detection touches no label: a candidate for a missed ball. */
const APART = 0.3;
/** A loose label overlaps its ball's detection at least this much (less is another ball). */
const LOOSE_FROM = 0.1;
/** Suspects less sure than this are not worth a look. */
export const REPORT_FROM = 0.2;

/** A detection at least this sure is the model's claim, not its doubt. */
const CONFIDENT = 0.3;

/** How sure an overlap makes "the box is beside its ball": sure up to 0.35, not at all at SAME + 0.1. */
const looseness = (overlap: number) => Math.min(1, (SAME + 0.1 - overlap) / 0.25);

/** How well a detection backs a label: fully from SAME overlap on, partly below (a hard ball is often boxed loosely). */
const backing = (detection: Detection, box: Box) => detection.score * Math.min(1, iou(detection.box, box) / SAME);

/** What models that never saw the photo make of it, in the labels' pixels. */
export interface Judgement {
  /** Balls whatever their class, down to a low score (0.05): heads fitted with every label as one class. */
  balls: readonly Detection[];
  /**
   * Per label (in order), each class's share among the boxes of other photos it looks most like; left
   * out when the dataset has one class.
   */
  labelVotes?: readonly Record<string, number>[];
  /** Per ball (in order), the class it looks like; the dataset's most common class where left out. */
  ballClasses?: readonly (string | undefined)[];
  usualClass: string;
}

/** The label whose box a detection overlaps most, and by how much. */
function ownerOf(detection: Detection, labels: readonly LabeledBox[]) {
  let owner = -1;
  let overlap = 0;
  labels.forEach(({ box }, index) => {
    const value = iou(detection.box, box);
    if (value > overlap) [owner, overlap] = [index, value];
  });
  return { owner, overlap };
}

/** A mislabelled class: the box looks like boxes of another class, not like those of its own. */
function classSuspect(
  { box, label }: LabeledBox,
  boxIndex: number,
  votes: Record<string, number>,
): LabelSuspect | undefined {
  const own = votes[label] ?? 0;
  const [other, share] = Object.entries(votes)
    .filter(([name]) => name !== label)
    .sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  if (other === undefined || share <= own) return undefined;
  return {
    kind: 'class',
    box,
    label,
    boxIndex,
    suggestion: { box, label: other, score: share },
    score: share * (1 - own),
  };
}

/** The suspects of one photo, most likely mistakes first. */
export function findSuspects(labels: readonly LabeledBox[], judgement: Judgement): LabelSuspect[] {
  const { balls } = judgement;
  const suspects: LabelSuspect[] = [];
  const usedForLoose = new Set<Detection>();
  const owners = new Map(balls.map((detection) => [detection, ownerOf(detection, labels)]));

  labels.forEach((labeled, boxIndex) => {
    const { box, label } = labeled;
    const held = balls.reduce((best, d) => (iou(d.box, box) >= SAME ? Math.max(best, d.score) : best), 0);
    // A confident ball this box half covers, unless it is a better fit for another label.
    const beside = balls
      .filter((d) => {
        const overlap = iou(d.box, box);
        return (
          d.score >= CONFIDENT && overlap >= LOOSE_FROM && overlap < SAME + 0.1 && owners.get(d)?.owner === boxIndex
        );
      })
      .map((d) => ({ detection: d, score: d.score * looseness(iou(d.box, box)) * (1 - held) }))
      .sort((a, b) => b.score - a.score)[0];
    if (beside && beside.score >= REPORT_FROM) {
      usedForLoose.add(beside.detection);
      const suggestion = { ...beside.detection, label };
      suspects.push({ kind: 'loose', box, label, boxIndex, suggestion, score: beside.score });
      return;
    }
    // Backed by no ball, or by a ball of another class: whichever the model is surer of.
    const backed = balls.reduce((best, d) => Math.max(best, backing(d, box)), 0);
    const extra: LabelSuspect = { kind: 'extra', box, label, boxIndex, score: 1 - backed };
    const votes = judgement.labelVotes?.[boxIndex];
    const wrongClass = votes && classSuspect(labeled, boxIndex, votes);
    suspects.push(wrongClass && wrongClass.score > extra.score ? wrongClass : extra);
  });

  balls.forEach((ball, index) => {
    const overlap = owners.get(ball)?.overlap ?? 0;
    if (usedForLoose.has(ball) || overlap >= APART) return;
    const label = judgement.ballClasses?.[index] ?? judgement.usualClass;
    suspects.push({
      kind: 'missed',
      box: ball.box,
      label,
      suggestion: { ...ball, label },
      score: ball.score * (1 - overlap / APART),
    });
  });
  return suspects.filter((suspect) => suspect.score >= REPORT_FROM).sort((a, b) => b.score - a.score);
}

/** A photo's label quality, 1 (nothing doubtful) to 0: the worst of its suspects decides. */
export const photoQuality = (suspects: readonly LabelSuspect[]): number =>
  1 - suspects.reduce((worst, suspect) => Math.max(worst, suspect.score), 0);
