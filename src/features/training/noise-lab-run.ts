// The bad-labels lab for boxes (悪い教師): at each rate, the training photos' labels are corrupted
// (box-noise.ts, one kind), the heads are fitted on them, and scored on the validation photos, whose
// labels are never touched. The validation views are made once for all rates.
import { BOX_NOISE_KINDS, injectBoxNoise } from '../../dataset/box-noise.ts';
import { evaluate } from '../../model/evaluation.ts';
import { fitSettings, HeadFits } from './head-fits.ts';
import type { NoiseLabProgress, NoiseLabRequest, NoiseLabResult } from './label-check-protocol.ts';
import { defaultViewsPerPhoto } from './training-data.ts';
import { ProgressReporter } from './training-progress.ts';

/** Long enough for blank heads to learn the sample's balls well from clean labels (mAP ≈ 1 by epoch 5). */
export const NOISE_LAB_EPOCHS = 8;
/** What the live view shows: the recall and precision the lab reports are at this score. */
const LIVE_SCORE = 0.5;

export async function runNoiseLab(
  fits: HeadFits,
  request: NoiseLabRequest,
  backend: NoiseLabResult['backend'],
  onProgress: (progress: NoiseLabProgress) => void,
  onResult: (result: NoiseLabResult) => void,
): Promise<NoiseLabResult[]> {
  if (!BOX_NOISE_KINDS.includes(request.kind)) throw new RangeError(`unknown kind of bad label: ${request.kind}`);
  const copies = Math.min(3, defaultViewsPerPhoto(request.train.length));
  const settings = fitSettings(request.classes, request.epochs ?? NOISE_LAB_EPOCHS, copies, request.seed);
  let rate: number | undefined;
  const progress = new ProgressReporter<'features' | 'training' | 'checking'>(
    request.val.length +
      request.rates.length * (request.train.length * copies + HeadFits.steps(request.train.length * copies, settings)),
    (report) => onProgress({ ...report, ...(rate === undefined ? {} : { rate }) }),
  );
  const valViews = await fits.views(request.val, settings, 'detection', () => progress.advance('features'));
  const results: NoiseLabResult[] = [];
  try {
    for (rate of request.rates) {
      const started = performance.now();
      const { images, errors } = injectBoxNoise(request.train, {
        rates: { [request.kind]: rate },
        seed: request.seed,
        classes: request.classes,
      });
      const trainViews = await fits.views(images, settings, 'training', () => progress.advance('features'));
      const parameters = await fits
        .fit(trainViews, settings, request.start ?? 'blank', () => progress.advance('training'))
        .finally(() => fits.release(trainViews));
      const detections = await fits.detect(parameters, valViews, settings.classes, {
        threshold: 0.01,
        maxDetections: 20,
      });
      const metrics = evaluate(
        valViews.map((view, i) => ({ truths: view.truths, detections: detections[i] ?? [] })),
        { scoreThreshold: LIVE_SCORE },
      );
      const result: NoiseLabResult = {
        kind: request.kind,
        rate,
        mAP50: metrics.mAP,
        recall: metrics.recall,
        precision: metrics.precision,
        changed: errors.length,
        trainPhotos: request.train.length,
        valPhotos: request.val.length,
        epochs: settings.epochs,
        backend,
        ms: Math.round(performance.now() - started),
      };
      results.push(result);
      onResult(result);
    }
  } finally {
    fits.release(valViews);
  }
  progress.finish();
  return results;
}
