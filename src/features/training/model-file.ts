import { type TrainedModel, trainedModelZip } from '../../model/trained-model.ts';

/** The model as the .zip a classmate's app imports (and the receive page recognises by its content). */
export function trainedModelFile(model: TrainedModel): File {
  const safe = model.meta.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '') || 'model';
  return new File([trainedModelZip(model) as Uint8Array<ArrayBuffer>], `tama-lab-model-${safe}.zip`, {
    type: 'application/zip',
  });
}
