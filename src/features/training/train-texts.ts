// Sentences of the Train page that depend on the run or the dataset: what the run is doing, why the
// number of views is what it is (and what the memory budget took away), and what happened when the GPU went away.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { BackendName } from '../../shared/backend/backends.ts';
import { defaultViewsPerPhoto } from './training-data.ts';
import type { TrainingProgress } from './training-progress.ts';
import type { GpuFallback } from './training-run-controller.ts';
import type { ViewCap } from './view-budget.ts';

export function phaseText(progress: TrainingProgress, epochs: number): string {
  switch (progress.phase) {
    case 'loading':
      return msg('Loading the model in the training worker…', { id: 'train.phase.loading' });
    case 'features':
      return msg('Looking at your photos (features of each view)…', { id: 'train.phase.features' });
    case 'training':
      return msg(str`Epoch ${progress.epoch ?? 0} of ${epochs}`, { id: 'train.phase.training' });
    case 'done':
      return msg('Done', { id: 'train.phase.done' });
  }
}

/**
 * Why the number of views is what it is: it is picked from the number of photos, so it changes once
 * the dataset is read (16 for one photo, 3 for fifty), and a student should see that on purpose.
 * `chosen` is the user's number, undefined while the automatic one applies.
 */
export function viewsHint(photos: number, chosen: number | undefined): TemplateResult {
  const auto = defaultViewsPerPhoto(photos);
  const why = !photos
    ? msg(
        'It is set for you from the number of training photos: a few photos get up to 16 views each, many photos get 3.',
        { id: 'train.copies.rule' },
      )
    : chosen === undefined
      ? msg(
          str`Set for you: ${auto} for ${photos} training photos, so each epoch shows the model 48 pictures or more (fewer photos get more views, up to 16).`,
          { id: 'train.copies.auto' },
        )
      : msg(str`You chose ${chosen}; for ${photos} training photos the automatic choice is ${auto}.`, {
          id: 'train.copies.chosen',
        });
  return html`<p class="hint" id="views-hint" data-views-auto=${auto}>
    ${msg('A view is one of your photos changed a little (flipped, zoomed in or out, lighter or darker), so the model sees more variety.', { id: 'train.copies.what' })}
    ${why}</p>`;
}

/** One line when the run lost its GPU: on which backend it goes on, and from where. */
export function gpuFallbackLine(fallback: GpuFallback | undefined, active: BackendName | undefined) {
  if (!fallback) return nothing;
  const backend = (active ?? fallback.backend).toUpperCase();
  const { epoch } = fallback;
  return html`<p class="notice" role="status" data-gpu-fallback=${active ?? fallback.backend} data-from-epoch=${epoch}>${
    epoch
      ? msg(str`The graphics chip stopped: training goes on with ${backend} after epoch ${epoch}.`, {
          id: 'train.gpuLost',
        })
      : msg(str`The graphics chip stopped: training starts again with ${backend}.`, { id: 'train.gpuLostStart' })
  }</p>`;
}

/**
 * What the memory budget took away from a run (see view-budget.ts), in plain words; nothing when it
 * took nothing. `used` is what the run trains and validates on.
 */
export function viewCapLine(
  cap: ViewCap | undefined,
  used: { viewsPerPhoto: number; train: number; val: number },
): TemplateResult | typeof nothing {
  if (!cap) return nothing;
  const { requestedViews, trainPhotos, valPhotos } = cap;
  return html`<p class="notice" role="status" data-view-cap data-views-used=${used.viewsPerPhoto}
    data-train-used=${used.train} data-val-used=${used.val}>
    ${
      used.viewsPerPhoto < requestedViews
        ? msg(
            str`Many photos: so that training fits in this device's memory, views per photo go from ${requestedViews} to ${used.viewsPerPhoto}.`,
            { id: 'train.cap.views' },
          )
        : msg("Many photos: so that training fits in this device's memory, it uses part of them.", {
            id: 'train.cap.photos',
          })
    }
    ${
      used.train < trainPhotos
        ? msg(str`It learns from ${used.train} of the ${trainPhotos} training photos (the same ones every time).`, {
            id: 'train.cap.train',
          })
        : nothing
    }
    ${
      used.val < valPhotos
        ? msg(str`It checks itself on ${used.val} of the ${valPhotos} validation photos.`, { id: 'train.cap.val' })
        : nothing
    }</p>`;
}
