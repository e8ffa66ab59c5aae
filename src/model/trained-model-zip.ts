// A fine-tuned detector as one .zip (model.json + weights.bin), to send or to import. Apart from
// trained-model.ts because the zip code (fflate builds its tables as it loads, ~15 ms on a phone) is
// needed only when a model is sent or imported, not to load one for detection.
import { strFromU8, strToU8, zipSync } from 'fflate';
import { IMPORT_LIMITS } from '../shared/import-limits.ts';
import { listZipBytes, readZipEntryBytes, type ZipEntry } from '../shared/safe-zip.ts';
import { parseTrainedModel, type TrainedModel, trainedModelFiles } from './trained-model.ts';
import { refuseModel as refuse } from './trained-model-meta.ts';

export function trainedModelZip(model: TrainedModel): Uint8Array {
  const files = trainedModelFiles(model);
  return zipSync({ 'model.json': strToU8(files['model.json']), 'weights.bin': files['weights.bin'] });
}

/** Entries a zip tool adds by itself (macOS's resource forks and folder settings): ignored, never read. */
const TOOL_LITTER = /^__MACOSX\/|(^|\/)\.DS_Store$/;

/**
 * A model from its .zip: model.json and weights.bin (in one folder or none) and nothing else. Sizes
 * are checked from the zip's directory before anything is inflated.
 */
export function trainedModelFromZip(bytes: Uint8Array): TrainedModel {
  const entries = listZipBytes(bytes).filter((entry) => !TOOL_LITTER.test(entry.name));
  const find = (file: string) => entries.filter((entry) => entry.name === file || entry.name.endsWith(`/${file}`));
  const [json, ...moreJson] = find('model.json');
  const [bin, ...moreBin] = find('weights.bin');
  const unexpected = entries.find((entry) => entry !== json && entry !== bin) ?? moreJson[0] ?? moreBin[0];
  if (!json || !bin) return refuse('model.filesMissing', 'the .zip needs model.json and weights.bin');
  if (unexpected)
    return refuse('model.unexpectedEntry', `the .zip also holds ${unexpected.name}`, { file: unexpected.name });
  const tooLarge = (entry: ZipEntry, max: number) => {
    if (entry.size > max) {
      const limit = `${Math.round(max / 1024)} KB`;
      refuse('file.tooLarge', `${entry.name} declares ${entry.size} bytes, more than ${limit}`, { limit });
    }
  };
  tooLarge(json, IMPORT_LIMITS.maxModelJsonBytes);
  tooLarge(bin, IMPORT_LIMITS.maxEntryBytes);
  const data = readZipEntryBytes(bytes, bin);
  const weights = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return parseTrainedModel(strFromU8(readZipEntryBytes(bytes, json)), weights);
}
