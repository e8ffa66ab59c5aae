import type { RouteName } from './routes.ts';

/**
 * Each page's module, fetched when its URL is opened: a student who scans the class QR code for the
 * live view downloads no editor, trainer or charts before the page paints.
 */
const pageModules: Record<RouteName | 'not-found', () => Promise<unknown>> = {
  detect: () => import('../features/detection/detect-page.ts'),
  label: () => import('../features/labeling/label-page.ts'),
  train: () => import('../features/training/train-page.ts'),
  mnist: () => import('../features/mnist/mnist-page.ts'),
  share: () => import('../features/share/share-page.ts'),
  receive: () => import('../features/share/receive-page.ts'),
  bench: () => import('../features/bench/bench-page.ts'),
  about: () => import('./about-page.ts'),
  'not-found': () => import('./not-found-page.ts'),
};

/**
 * What a page shows further down, loaded once the page has painted; the custom elements upgrade in
 * place when it arrives. The label check's card sits on the Label page, but runs the training
 * feature's worker.
 */
const laterModules: Partial<Record<RouteName, () => Promise<unknown>>> = {
  label: () => import('../features/training/label-check-card.ts'),
  train: () =>
    Promise.all([
      import('../features/training/learning-curve.ts'),
      import('../features/training/trained-model-list.ts'),
      import('../features/training/model-comparison.ts'),
      import('../features/training/box-noise-lab.ts'),
    ]),
};

export function loadPageExtras(route: RouteName | undefined): Promise<unknown> {
  return (route && laterModules[route]?.()) ?? Promise.resolve();
}

const loading = new Map<string, Promise<unknown>>();

/** Loads the page once; a failed load (offline before the first visit finished) is tried again next time. */
export function loadPage(route: RouteName | undefined): Promise<unknown> {
  const name = route ?? 'not-found';
  let page = loading.get(name);
  if (!page) {
    page = pageModules[name]();
    loading.set(name, page);
    page.catch(() => loading.delete(name));
  }
  return page;
}
