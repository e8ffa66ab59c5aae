import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isolationWantsFullLoad } from '../shared/first-visit.ts';
import { type RouteName, routeForPath } from './routes.ts';

/**
 * Keeps the host in sync with the URL: same-origin link clicks become pushState navigations, and the
 * back/forward buttons re-render through popstate. Deep links work because the server (and the
 * service worker's navigate fallback) answer every path with index.html.
 */
export class RouterController implements ReactiveController {
  route: RouteName | undefined = routeForPath(location.pathname);

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('popstate', this._onPopState);
    this.host.addEventListener('click', this._onClick);
  }

  hostDisconnected() {
    window.removeEventListener('popstate', this._onPopState);
    this.host.removeEventListener('click', this._onClick);
  }

  navigate(path: string) {
    if (path !== location.pathname) history.pushState(null, '', path);
    this._sync();
    window.scrollTo({ top: 0 });
  }

  private _sync() {
    this.route = routeForPath(location.pathname);
    this.host.requestUpdate();
  }

  private readonly _onPopState = () => this._sync();

  private readonly _onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin) return;
    if (routeForPath(anchor.pathname) === undefined) return;
    // The browser loads the page itself: the service worker now serves it cross-origin isolated.
    if (isolationWantsFullLoad()) return;
    event.preventDefault();
    this.navigate(anchor.pathname);
  };
}
