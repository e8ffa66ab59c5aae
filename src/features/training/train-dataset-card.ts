import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { trainingData } from './training-data.ts';

/** The Train page's summary of the dataset: counts, the classes to learn, and why training cannot start. */
export function renderDatasetCard(
  data: ReturnType<typeof trainingData>,
  chosen: readonly string[],
  running: boolean,
  onChoose: (classes: string[]) => void,
) {
  const available = Object.keys(data.classes).sort();
  const canTrain = chosen.length > 0 && data.train.some((image) => image.boxes.length);
  return html`<section class="card" data-train=${data.train.length} data-val=${data.val.length}>
      <h2>${msg('Your dataset', { id: 'train.dataset.title' })}</h2>
      <p>${msg(str`${data.train.length} photos to train on, ${data.val.length} to validate with (${data.negatives} of them "no ball"); ${data.unlabeled} unlabeled photos are left out.`, { id: 'train.dataset.counts' })}</p>
      ${
        available.length
          ? html`<fieldset class="actions">
            <legend>${msg('Classes to learn', { id: 'train.classes' })}</legend>
            ${available.map(
              (name) => html`<label><input type="checkbox" .checked=${chosen.includes(name)} ?disabled=${running}
                @change=${(event: Event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  onChoose(on ? [...chosen, name] : chosen.filter((c) => c !== name));
                }} />${name} (${data.classes[name]})</label>`,
            )}
          </fieldset>`
          : nothing
      }
      ${
        canTrain
          ? nothing
          : html`<p class="error" role="alert" data-cannot-train>${msg('Nothing to learn yet: label some balls on the Label page first (or add the sample dataset there).', { id: 'train.dataset.empty' })}</p>`
      }
      ${data.val.length ? nothing : html`<p>${msg('No validation photos: the last epoch is kept and no mAP is measured. Raise the validation share on the Label page.', { id: 'train.dataset.noVal' })}</p>`}
    </section>`;
}
