import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BALL_MODEL_FOLDER, MODEL_VARIANTS, type ModelVariant, modelUrl } from '../../model/model-variants.ts';
import type { TrainedModelMeta } from '../../model/trained-model.ts';
import { appUrl } from '../../shared/app-url.ts';
import { baseVariant, type ModelOption } from './model-options.ts';

/** Whether every file of `urls` is in the service worker's caches (precache entries carry a ?__WB_REVISION__). */
async function allCached(urls: readonly string[]): Promise<boolean> {
  if (!('caches' in globalThis)) return false;
  const found = await Promise.all(urls.map((url) => caches.match(url, { ignoreSearch: true })));
  return found.every(Boolean);
}

/** A graph model.json and every weight shard it lists. */
async function graphCached(url: string): Promise<boolean> {
  if (!('caches' in globalThis)) return false;
  const manifest = await caches.match(url, { ignoreSearch: true });
  if (!manifest) return false;
  try {
    const json = (await manifest.json()) as { weightsManifest?: { paths: string[] }[] };
    const base = new URL(url, location.href);
    return allCached(
      (json.weightsManifest ?? []).flatMap((group) => group.paths.map((path) => new URL(path, base).href)),
    );
  } catch {
    return false;
  }
}

/**
 * Which models can load right now: all of them online; offline, only those whose files the service
 * worker has cached (the default ones are precached; the other COCO precisions only once used online).
 * Checked again whenever the connection comes or goes.
 */
export class ModelAvailability implements ReactiveController {
  online = navigator.onLine;
  private readonly _cached = new Map<ModelVariant | 'ball', boolean>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('online', this._onConnection);
    window.addEventListener('offline', this._onConnection);
    void this.refresh();
  }

  hostDisconnected() {
    window.removeEventListener('online', this._onConnection);
    window.removeEventListener('offline', this._onConnection);
  }

  async refresh(): Promise<void> {
    const ball = appUrl(`${BALL_MODEL_FOLDER}/model.json`);
    const [ballCached, ...variants] = await Promise.all([
      allCached([ball, appUrl(`${BALL_MODEL_FOLDER}/weights.bin`)]),
      ...MODEL_VARIANTS.map((variant) => graphCached(modelUrl(variant))),
    ]);
    this._cached.set('ball', ballCached ?? false);
    for (const [index, variant] of MODEL_VARIANTS.entries()) this._cached.set(variant, variants[index] ?? false);
    this.host.requestUpdate();
  }

  /** Whether `option` can load now (a fine-tuned model's own weights are on the device, its base may not be). */
  available(option: ModelOption, trained: readonly TrainedModelMeta[]): boolean {
    if (this.online) return true;
    const base = this._cached.get(baseVariant(option, trained)) ?? false;
    return option === 'ball' ? base && (this._cached.get('ball') ?? false) : base;
  }

  /** The same, checked against the caches now rather than at the last refresh. */
  async check(option: ModelOption, trained: readonly TrainedModelMeta[]): Promise<boolean> {
    this.online = navigator.onLine;
    if (this.online) return true;
    await this.refresh();
    return this.available(option, trained);
  }

  private readonly _onConnection = () => {
    this.online = navigator.onLine;
    void this.refresh();
  };
}
