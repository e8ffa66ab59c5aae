import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { type DatasetSettings, DEFAULT_SETTINGS } from '../../dataset/dataset-settings.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { SettingsChangeEvent } from './labeling-events.ts';

const whole = (input: EventTarget | null) => Number((input as HTMLInputElement).value);

/**
 * The split (validation share, seed) and import (longest side) settings, folded.
 * @fires tama-settings-change - with the changed settings (the owner saves them)
 */
export class SplitSettings extends LitElement {
  static override properties = { settings: { attribute: false } };
  static override styles = [
    pageStyles,
    css`
      label {
        display: inline-flex;
        gap: 0.5rem;
        align-items: center;
        min-height: var(--tap-target);
      }
      input[type='number'] {
        width: 6rem;
        min-height: 36px;
        font: inherit;
      }
      summary {
        min-height: var(--tap-target);
        display: flex;
        align-items: center;
        cursor: pointer;
      }
    `,
  ];

  declare settings: DatasetSettings;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.settings = DEFAULT_SETTINGS;
  }

  private _change(change: Partial<DatasetSettings>) {
    this.dispatchEvent(new SettingsChangeEvent({ ...this.settings, ...change }));
  }

  override render() {
    const { seed, valRatio, maxSide } = this.settings;
    return html`<details class="split">
      <summary>${msg('Split and import settings', { id: 'label.split.title' })}</summary>
      <div class="actions">
        <label>${msg(str`Validation share: ${Math.round(valRatio * 100)} %`, { id: 'label.split.ratio' })}
          <input type="range" min="0.05" max="0.5" step="0.05" .value=${String(valRatio)}
            @input=${(event: Event) => this._change({ valRatio: whole(event.target) })} />
        </label>
        <label>${msg('Seed', { id: 'label.split.seed' })}
          <input type="number" min="0" step="1" .value=${String(seed)}
            @change=${(event: Event) => this._change({ seed: Math.max(0, Math.floor(whole(event.target) || 0)) })} />
        </label>
        <label>${msg('Longest side of imported photos (px)', { id: 'label.split.maxSide' })}
          <input type="number" min="320" max="4096" step="32" .value=${String(maxSide)}
            @change=${(event: Event) => this._change({ maxSide: Math.min(4096, Math.max(320, whole(event.target) || 1280)) })} />
        </label>
      </div>
      <p class="lead">${msg('The same seed always gives the same split. Frames of one burst stay together on one side, so validation never sees a near-copy of a training photo.', { id: 'label.split.why' })}</p>
    </details>`;
  }
}

customElements.define('split-settings', SplitSettings);

declare global {
  interface HTMLElementTagNameMap {
    'split-settings': SplitSettings;
  }
}
