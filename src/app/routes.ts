import { msg } from '@lit/localize';
import { appUrl } from '../shared/app-url.ts';

/**
 * Every page. The share screen is reached from the header rather than a section tab, the benchmark from
 * the About page; the receive page only by a share or a file opened with the app (the manifest's
 * share_target and file_handlers).
 */
export const ROUTES = ['detect', 'label', 'train', 'mnist', 'about', 'share', 'receive', 'bench'] as const;
export type RouteName = (typeof ROUTES)[number];

/** The pages that run a model on this page's own thread, and so start the TF.js backend when they open. */
export const ROUTES_USING_TF: ReadonlySet<RouteName> = new Set<RouteName>(['detect', 'label', 'bench']);

export interface RouteView {
  name: RouteName;
  path: string;
  icon: string;
  label: () => string;
}

export const ROUTE_VIEWS: readonly RouteView[] = [
  { name: 'detect', path: appUrl('detect'), icon: '◎', label: () => msg('Detect', { id: 'nav.detect' }) },
  { name: 'label', path: appUrl('label'), icon: '▢', label: () => msg('Label', { id: 'nav.label' }) },
  { name: 'train', path: appUrl('train'), icon: '↻', label: () => msg('Train', { id: 'nav.train' }) },
  { name: 'mnist', path: appUrl('mnist'), icon: '7', label: () => msg('MNIST', { id: 'nav.mnist' }) },
  { name: 'about', path: appUrl('about'), icon: 'i', label: () => msg('About', { id: 'nav.about' }) },
];

/** Maps a URL path to a route; "/" opens the live detector, unknown paths give undefined (not found). */
export function routeForPath(pathname: string): RouteName | undefined {
  const base = import.meta.env.BASE_URL;
  const relative = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  const first = relative.split('/')[0] ?? '';
  if (first === '' || first === 'index.html') return 'detect';
  return ROUTES.find((route) => route === first);
}
