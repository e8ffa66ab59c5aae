import { msg, str } from '@lit/localize';
import { DEFAULT_MODEL_VARIANT, MODEL_VARIANTS, type ModelVariant } from '../../model/model-variants.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';

/** What the model menu offers: the default ball model, stock COCO in one precision, or a fine-tuned model. */
export type ModelOption = 'ball' | ModelVariant | `trained:${string}`;

export function modelOptions(trained: readonly TrainedModelMeta[]): ModelOption[] {
  return ['ball', ...MODEL_VARIANTS, ...trained.map((meta) => `trained:${meta.id}` as const)];
}

export function trainedId(option: ModelOption): string | undefined {
  return option.startsWith('trained:') ? option.slice('trained:'.length) : undefined;
}

/** The COCO-SSD weights an option runs on: the ball model on the default variant, a fine-tuned model on its `base`. */
export function baseVariant(option: ModelOption, trained: readonly TrainedModelMeta[]): ModelVariant {
  if (option === 'ball') return DEFAULT_MODEL_VARIANT;
  const id = trainedId(option);
  if (id === undefined) return option as ModelVariant;
  return trained.find((meta) => meta.id === id)?.base ?? DEFAULT_MODEL_VARIANT;
}

/** The option's name as the menu and the presenter readout show it. */
export function modelOptionName(option: ModelOption, trained: readonly TrainedModelMeta[]): string {
  if (option === 'ball') return msg('Ball model (default)', { id: 'models.default' });
  const id = trainedId(option);
  if (id === undefined) return msg(str`COCO “sports ball” (${option})`, { id: 'detect.model.coco' });
  const name = trained.find((meta) => meta.id === id)?.name ?? id;
  return msg(str`Yours: ${name}`, { id: 'detect.model.trained' });
}
