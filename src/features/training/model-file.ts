import { msg, str } from '@lit/localize';
import type { TrainedModel } from '../../model/trained-model.ts';
import { trainedModelZip } from '../../model/trained-model-zip.ts';
import { type SendOutcome, sendFile } from '../../shared/send-file.ts';

/** The model as the .zip a classmate's app imports (and the receive page recognises by its content). */
export function trainedModelFile(model: TrainedModel): File {
  const safe = model.meta.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '') || 'model';
  return new File([trainedModelZip(model) as Uint8Array<ArrayBuffer>], `tama-lab-model-${safe}.zip`, {
    type: 'application/zip',
  });
}

/** Sends the model with the share sheet where files can be shared, else saves it; says which, and as what. */
export async function sendTrainedModel(model: TrainedModel): Promise<{ outcome: SendOutcome; file: string }> {
  const file = trainedModelFile(model);
  const outcome = await sendFile(file, msg(str`Tama Lab model “${model.meta.name}”`, { id: 'models.send.title' }));
  return { outcome, file: file.name };
}
