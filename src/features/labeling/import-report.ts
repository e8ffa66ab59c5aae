import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import type { SkippedItem } from '../../dataset/import-files.ts';
import { describeSkip } from '../../shared/errors.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { errorMessage } from '../../shared/ui/error-message.ts';
import { pageStyles } from '../../shared/ui/page-styles.ts';
import { EditorOpenEvent } from './labeling-events.ts';

export interface ImportOutcome {
  stored: number;
  skipped: SkippedItem[];
  duplicates: number;
  /** The first photo added, for "label them now". */
  firstId?: string;
  /** The sample dataset was asked for: a repeat is then named as such. */
  sample?: boolean;
}

/** What an import did, or the error that stopped it (an import that fails changes nothing). */
export type ImportReportValue = ImportOutcome | { error: unknown };

/**
 * What an import did, in one short sentence first — added, already there, or nothing in the zip — then
 * each item left out with its reason in the user's language (the technical detail folded under it),
 * and a way straight into labeling what came in.
 * @fires tama-editor-open - "label them now", with the first photo added
 */
export class ImportReport extends LitElement {
  static override properties = { report: { attribute: false } };
  static override styles = [
    pageStyles,
    css`
      :host {
        display: block;
      }
      ul.skipped {
        max-height: 14rem;
        overflow-y: auto;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  declare report: ImportReportValue | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private _headline({ stored, skipped, duplicates, sample }: ImportOutcome): string {
    if (stored) return msg(str`Added ${stored} photos.`, { id: 'label.import.added' });
    if (duplicates && sample)
      return msg('The sample dataset is already in your dataset: nothing new was added.', {
        id: 'label.import.sampleAgain',
      });
    if (duplicates) return msg('Nothing new was added.', { id: 'label.import.nothingNew' });
    // Never "added 0, skipped 0": an empty .zip says so (reported as skipped, or not at all).
    if (skipped.every((s) => s.problem?.code === 'archive.empty'))
      return msg('The .zip held no photos: nothing was added.', { id: 'label.import.empty' });
    return msg('Nothing was added.', { id: 'label.import.none' });
  }

  private _renderSkipped(skipped: readonly SkippedItem[]) {
    if (!skipped.length) return nothing;
    // One line of markup per item, so its text reads as one sentence to a screen reader (and a test).
    return html`<p>${msg(str`Left out ${skipped.length}:`, { id: 'label.import.skipped' })}</p>
      <ul class="skipped">${skipped.map(
        (s) =>
          // i18n-ok: the English reason is the technical detail, folded under the worded one (describeSkip).
          html`<li data-skip><code>${s.item}</code>: <span data-skip-reason>${describeSkip(s)}</span><details class="error-detail"><summary>${msg('Details', { id: 'label.import.detail' })}</summary><code lang="en">${s.reason}</code></details></li>`,
      )}</ul>`;
  }

  override render() {
    const report = this.report;
    if (!report) return nothing;
    if ('error' in report)
      return html`<div class="error" role="alert" data-import-error>${
        report.error instanceof StorageFullError
          ? msg('The device storage is full: nothing was imported.', { id: 'label.import.full' })
          : errorMessage('dataset', report.error)
      }</div>`;
    return html`<div role="status" data-imported=${report.stored} data-skipped=${report.skipped.length} data-duplicates=${report.duplicates}>
      <p><strong>${this._headline(report)}</strong>
        ${report.duplicates ? msg(str`${report.duplicates} were already in the dataset and were not added again.`, { id: 'label.import.duplicates' }) : nothing}</p>
      ${this._renderSkipped(report.skipped)}
      ${
        report.firstId
          ? html`<button class="primary" data-open-imported @click=${() => this.dispatchEvent(new EditorOpenEvent(report.firstId))}>
            ${msg('Label them now', { id: 'label.import.open' })}</button>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('import-report', ImportReport);

declare global {
  interface HTMLElementTagNameMap {
    'import-report': ImportReport;
  }
}
