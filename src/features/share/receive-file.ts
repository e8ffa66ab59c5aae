// One shared file into the app: a model into the model store, a dataset into the photos, anything
// else refused. Every path either stores the whole file or stores nothing.
import type { DatasetStore } from '../../dataset/dataset-store.ts';
import { importFiles } from '../../dataset/import-files.ts';
import type { ModelStore } from '../../model/model-store.ts';
import { trainedModelFromZip } from '../../model/trained-model-zip.ts';
import { problemOf } from '../../shared/errors.ts';
import type { Problem } from '../../shared/problem.ts';
import { StorageFullError } from '../../shared/storage-full.ts';
import { sharedFileKind } from './shared-file-kind.ts';

export type RefusalReason = 'not-zip' | 'corrupt' | 'other' | 'bad-model' | 'storage-full' | 'failed';

export type Received =
  | { file: string; kind: 'model'; id: string; name: string; duplicate: boolean }
  | { file: string; kind: 'dataset'; added: number; duplicates: number; bad: number }
  | { file: string; kind: 'refused'; reason: RefusalReason; detail: string; problem?: Problem };

export interface ReceiveStores {
  models: Pick<ModelStore, 'get' | 'put'>;
  dataset: Pick<DatasetStore, 'addAll' | 'list'>;
  maxSide: number;
}

const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Imports one shared file. A refusal carries the Problem, when there is one, so the page can say why in
 * the user's language (a hostile zip, a damaged model…); `detail` is the English for a teacher.
 */
export async function receiveFile(file: File, stores: ReceiveStores): Promise<Received> {
  const refused = (reason: RefusalReason, detail = '', problem?: Problem): Received => ({
    file: file.name,
    kind: 'refused',
    reason,
    detail,
    ...(problem ? { problem } : {}),
  });
  try {
    const kind = await sharedFileKind(file);
    if (kind === 'model') {
      let model: ReturnType<typeof trainedModelFromZip>;
      try {
        model = trainedModelFromZip(new Uint8Array(await file.arrayBuffer()));
      } catch (error) {
        return refused('bad-model', detailOf(error), problemOf(error));
      }
      // A model keeps its id on the way round a class, so the same zip opened twice is one model here,
      // and a student's renamed copy is not overwritten by the teacher's.
      const existing = await stores.models.get(model.meta.id);
      if (!existing) await stores.models.put(model);
      return {
        file: file.name,
        kind: 'model',
        id: model.meta.id,
        name: (existing ?? model).meta.name,
        duplicate: !!existing,
      };
    }
    if (kind === 'dataset') {
      const report = await importFiles([file], stores.dataset, stores.maxSide);
      // The archive as a whole was refused (hostile, broken JSON…): a refusal, not "0 photos added".
      const whole = report.skipped.find((skip) => skip.item === file.name);
      if (whole && !report.stored.length && !report.duplicates) return refused('failed', whole.reason, whole.problem);
      return {
        file: file.name,
        kind: 'dataset',
        added: report.stored.length,
        duplicates: report.duplicates,
        bad: report.skipped.length,
      };
    }
    return refused(kind);
  } catch (error) {
    return refused(error instanceof StorageFullError ? 'storage-full' : 'failed', detailOf(error), problemOf(error));
  }
}
