import { msg } from '@lit/localize';
import { html } from 'lit';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { describeError } from '../../shared/errors.ts';
import { ProblemError } from '../../shared/problem.ts';
import { type ModelOption, modelOptionName, modelOptions } from './model-options.ts';

/** A model that cannot load here and now: not on the device while offline, or deleted meanwhile. */
export class ModelUnavailableError extends Error {
  constructor(readonly reason: 'offline' | 'gone') {
    super(reason);
    this.name = 'ModelUnavailableError';
  }
}

/**
 * A download that failed for want of a connection: fetch()'s TypeError ("Failed to fetch"), or the
 * model layer's Problem for it.
 */
export function isOffline(error: unknown): boolean {
  if (error instanceof ProblemError) return error.problem.code === 'network.offline';
  // Only fetch's own TypeError: a broken model's weights raise TypeErrors too, and those are no network matter.
  // i18n-ok: the message is only matched, never shown
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** Why the live view has no model, in the user's language ("Failed to fetch" says nothing to a student). */
export function describeModelError(error: unknown): string {
  if (error instanceof ModelUnavailableError && error.reason === 'offline')
    return msg(
      'This model is not saved on this device and there is no internet connection. Choose a model that works offline, or connect once to download it.',
      { id: 'detect.model.offline' },
    );
  if (error instanceof ModelUnavailableError)
    return msg('That model is no longer on this device. Choose another one.', { id: 'detect.model.gone' });
  return describeError('model', error);
}

export interface ModelMenuOptions {
  value: ModelOption;
  trained: readonly TrainedModelMeta[];
  /** Whether an option can load now; offline, the ones whose files are not cached cannot. */
  available: (option: ModelOption) => boolean;
  online: boolean;
  onChoose: (option: ModelOption) => void;
}

/** The model menu: long names end in an ellipsis inside the screen; offline, uncached models are greyed out. */
export function renderModelMenu({ value, trained, available, online, onChoose }: ModelMenuOptions) {
  return html`<label class="model-choice">
    <span class="label-text">${msg('Model', { id: 'detect.model' })}</span>
    <select data-model-select data-online=${online ? 'yes' : 'no'} title=${modelOptionName(value, trained)}
      @change=${(event: Event) => onChoose((event.target as HTMLSelectElement).value as ModelOption)}>
      ${modelOptions(trained).map((option) => {
        const usable = available(option);
        return html`<option value=${option} ?selected=${option === value} ?disabled=${!usable && option !== value}
          data-available=${usable ? 'yes' : 'no'}>${modelOptionName(option, trained)}${
            usable ? '' : ` ${msg('(needs the internet)', { id: 'detect.model.needsNetwork' })}`
          }</option>`;
      })}
    </select>
  </label>`;
}
