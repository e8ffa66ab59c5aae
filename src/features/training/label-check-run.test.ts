import { expect } from '@esm-bundle/chai';
import type * as tfTypes from '@tensorflow/tfjs';
import { type Box, iou } from '../../model/geometry.ts';
import { ballModelUrl, DEFAULT_MODEL_VARIANT, modelUrl } from '../../model/model-variants.ts';
import { fetchTrainedModel, type TrainedModel } from '../../model/trained-model.ts';
import { loadTf, selectBackend } from '../../shared/backend/backends.ts';
import { HeadFits } from './head-fits.ts';
import type {
  CheckOutcome,
  CheckPhoto,
  CheckProgress,
  CheckRequest,
  NoiseLabResult,
  NoisePhoto,
} from './label-check-protocol.ts';
import { assignFolds, runLabelCheck } from './label-check-run.ts';
import { runNoiseLab } from './noise-lab-run.ts';

type Tf = typeof tfTypes;

interface CocoFile {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; bbox: [number, number, number, number] }[];
}

/** The first `count` photos of the sample dataset's `split` as the checker gets them ("no ball" when boxless). */
async function samplePhotos(split: 'train' | 'val', count: number): Promise<CheckPhoto[]> {
  const coco = (await (await fetch(`/datasets/sample/${split}.json`)).json()) as CocoFile;
  return Promise.all(
    coco.images.slice(0, count).map(async (image) => {
      const boxes = coco.annotations
        .filter((a) => a.image_id === image.id)
        .map((a) => ({ box: [...a.bbox] as Box, label: 'ball' }));
      return {
        id: `${split}-${image.id}`,
        blob: await (await fetch(`/datasets/sample/${image.file_name}`)).blob(),
        width: image.width,
        height: image.height,
        boxes,
        negative: boxes.length === 0,
      };
    }),
  );
}

/** s1-00006.jpg: one whole ball, 114 px across, low in the picture. */
const DROPPED_FROM = 'train-7';
const check = (photos: CheckPhoto[], modelUrl: string, start: TrainedModel): CheckRequest => ({
  photos,
  classes: ['ball'],
  folds: 2,
  seed: 1,
  backend: 'wasm',
  modelUrl,
  start,
  epochs: 1,
});

describe('label check run (教師チェック, real TF.js on WASM)', function () {
  this.timeout(120_000);
  const url = new URL(modelUrl(DEFAULT_MODEL_VARIANT), location.href).href;
  let tf: Tf;
  let start: TrainedModel;
  let photos: CheckPhoto[];
  let dropped: Box;

  const tensors = () => tf.memory().numTensors;

  before(async () => {
    tf = await loadTf();
    expect((await selectBackend('wasm')).active).to.equal('wasm');
    start = await fetchTrainedModel(ballModelUrl());
    photos = await samplePhotos('train', 12);
    // The only box of one photo is taken away: a ball nobody boxed, on a photo now marked "no ball".
    const photo = photos.find((p) => p.id === DROPPED_FROM) as CheckPhoto;
    expect(photo.boxes).to.have.length(1);
    dropped = photo.boxes[0]?.box as Box;
    photo.boxes = [];
    photo.negative = true;
  });

  describe('assignFolds', () => {
    const bursty = Array.from({ length: 14 }, (_, i) => ({
      id: `p${i}`,
      ...(i < 4 ? { burstId: 'b1' } : i < 7 ? { burstId: 'b2' } : i === 11 || i === 13 ? { burstId: 'b3' } : {}),
    }));

    it('gives every photo a fold, a burst one fold, and every fold some photos', () => {
      const folds = assignFolds(bursty, 3, 7);
      expect(folds).to.have.length(bursty.length);
      for (const fold of folds) expect(fold).to.be.oneOf([0, 1, 2]);
      for (const burst of ['b1', 'b2', 'b3']) {
        const of = new Set(folds.filter((_, i) => bursty[i]?.burstId === burst));
        expect(of.size, burst).to.equal(1);
      }
      expect(new Set(folds).size).to.equal(3);
    });

    it('deals the same folds for the same seed', () => {
      expect(assignFolds(bursty, 3, 7)).to.deep.equal(assignFolds(bursty, 3, 7));
      expect(assignFolds(bursty, 4, 123)).to.deep.equal(assignFolds(bursty, 4, 123));
      // Other seeds deal other folds (not every one: a few seeds are enough to see it).
      const dealt = new Set([1, 2, 3, 4, 5].map((seed) => assignFolds(bursty, 3, seed).join()));
      expect(dealt.size).to.be.greaterThan(1);
    });
  });

  describe('a whole check (2 folds, 1 epoch each)', () => {
    let beforeLoad: number;
    let afterLoad: number;
    let afterRun: number;
    let fits: HeadFits | undefined;
    let outcome: Omit<CheckOutcome, 'backend' | 'ms'>;
    const reports: CheckProgress[] = [];

    before(async () => {
      beforeLoad = tensors();
      fits = await HeadFits.load(tf, url);
      afterLoad = tensors();
      outcome = await runLabelCheck(fits, check(photos, url, start), (p) => reports.push(p));
      afterRun = tensors();
    });

    after(() => fits?.dispose());

    it('checks every photo, with a label quality in [0, 1]', () => {
      expect(outcome.folds).to.equal(2);
      expect(outcome.checked).to.equal(photos.length);
      expect(outcome.photos.map((p) => p.id)).to.have.members(photos.map((p) => p.id));
      for (const { id, quality } of outcome.photos) expect(quality, id).to.be.within(0, 1);
      const qualities = outcome.photos.map((p) => p.quality);
      expect(qualities).to.deep.equal([...qualities].sort((a, b) => a - b));
      const ranked = outcome.suspects.map((s) => s.score);
      expect(ranked).to.deep.equal([...ranked].sort((a, b) => b - a));
    });

    it('names the ball whose box was taken away as missed', () => {
      const missed = outcome.suspects.filter((s) => s.imageId === DROPPED_FROM && s.kind === 'missed');
      expect(missed, JSON.stringify(outcome.suspects.filter((s) => s.imageId === DROPPED_FROM))).to.not.be.empty;
      const best = Math.max(...missed.map((s) => iou(s.box, dropped)));
      expect(best, `best IoU with ${dropped.join(',')}`).to.be.at.least(0.3);
      const found = missed.find((s) => iou(s.box, dropped) === best);
      expect(found?.label).to.equal('ball');
      expect(found?.suggestion?.box).to.deep.equal(found?.box);
      // The photo's quality is that of its worst suspect.
      const quality = outcome.photos.find((p) => p.id === DROPPED_FROM)?.quality;
      expect(quality).to.be.closeTo(1 - Math.max(...missed.map((s) => s.score)), 1e-9);
      expect(quality).to.be.at.most(1 - (found?.score ?? 1));
    });

    it('reports its progress unit by unit, up to the total it announced, then done', () => {
      expect(reports.at(-1)).to.deep.include({ phase: 'done' });
      const { done, total } = reports.at(-1) as CheckProgress;
      expect(done).to.equal(total);
      // Every unit announced is reported once: the last report before "done" reaches the total.
      const work = reports.slice(0, -1);
      expect(work.map((r) => r.done)).to.deep.equal(work.map((_, i) => i + 1));
      expect(work.at(-1)?.done).to.equal(total);
      expect(new Set(reports.map((r) => r.total))).to.deep.equal(new Set([total]));
      const phases = [...new Set(work.map((r) => r.phase))];
      expect(phases).to.deep.equal(['features', 'training', 'checking']);
      expect(work.filter((r) => r.phase === 'checking')).to.have.length(photos.length);
      expect(new Set(work.map((r) => r.fold))).to.deep.equal(new Set([1, 2]));
      for (const r of reports) expect(r.folds).to.equal(2);
    });

    it('releases every view it made once it returns', () => {
      expect(afterLoad).to.be.greaterThan(beforeLoad);
      expect(afterRun).to.equal(afterLoad);
    });

    it('frees the graph too on dispose', () => {
      fits?.dispose();
      fits = undefined;
      expect(tensors()).to.equal(beforeLoad);
    });
  });

  describe('a cancelled check', () => {
    let beforeLoad: number;
    let afterLoad: number;
    let afterCancel: number;
    let error: unknown;
    let fits: HeadFits | undefined;

    before(async () => {
      beforeLoad = tensors();
      const loaded = await HeadFits.load(tf, url);
      fits = loaded;
      afterLoad = tensors();
      error = await runLabelCheck(loaded, check(photos, url, start), (progress) => {
        if (progress.phase === 'training') loaded.cancel();
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      afterCancel = tensors();
    });

    after(() => fits?.dispose());

    it('rejects with Cancelled', () => {
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).name).to.equal('Cancelled');
    });

    // runLabelCheck releases its cached training views only after the last fold, outside any finally:
    // a cancel (or any error) in a fold leaves them to HeadFits.dispose().
    it('releases the views it made when cancelled', () => {
      expect(afterLoad).to.be.greaterThan(beforeLoad);
      expect(afterCancel, `${afterCancel - afterLoad} tensors left after the cancel`).to.equal(afterLoad);
    });

    it('frees everything on dispose after a cancel', () => {
      fits?.dispose();
      fits = undefined;
      expect(tensors()).to.equal(beforeLoad);
    });
  });

  describe('the bad-labels lab (missed, rates 0 and 0.5, 1 epoch)', () => {
    it('fits once per rate on the corrupted photos and scores on the clean ones, leaking nothing', async () => {
      const train: NoisePhoto[] = (await samplePhotos('train', 12)).filter((p) => p.boxes.length).slice(0, 8);
      const val: NoisePhoto[] = (await samplePhotos('val', 4)).map(({ negative: _, ...photo }) => photo);
      const boxes = train.reduce((sum, p) => sum + p.boxes.length, 0);
      const valBoxes = val.reduce((sum, p) => sum + p.boxes.length, 0);
      expect(valBoxes).to.be.greaterThan(0);
      const beforeLoad = tensors();
      const fits = await HeadFits.load(tf, url);
      try {
        const afterLoad = tensors();
        const streamed: NoiseLabResult[] = [];
        const phases = new Set<string>();
        const results = await runNoiseLab(
          fits,
          {
            train,
            val,
            kind: 'missed',
            rates: [0, 0.5],
            seed: 3,
            classes: ['ball'],
            backend: 'wasm',
            modelUrl: url,
            epochs: 1,
          },
          'wasm',
          (progress) => phases.add(progress.phase),
          (result) => streamed.push(result),
        );
        expect(tensors()).to.equal(afterLoad);
        expect(results).to.have.length(2);
        expect(streamed).to.deep.equal(results);
        expect(results.map((r) => r.rate)).to.deep.equal([0, 0.5]);
        expect(results.map((r) => r.changed)).to.deep.equal([0, Math.round(0.5 * boxes)]);
        for (const r of results) {
          expect(r).to.deep.include({ kind: 'missed', trainPhotos: 8, valPhotos: 4, epochs: 1, backend: 'wasm' });
          expect(r.mAP50).to.be.within(0, 1);
          expect(r.recall).to.be.within(0, 1);
          expect(r.precision).to.be.within(0, 1);
        }
        expect([...phases]).to.include.members(['features', 'training', 'done']);
      } finally {
        fits.dispose();
      }
      expect(tensors()).to.equal(beforeLoad);
    });
  });
});
