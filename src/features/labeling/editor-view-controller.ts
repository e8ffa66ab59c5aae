import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PHONE_QUERY } from './phone-layout.ts';

/** The history entry's mark that the editor's own view is open: the phone's back gesture closes it. */
const MARK = 'tamaEditor';

const marked = () => Boolean((history.state as Record<string, unknown> | null)?.[MARK]);

/**
 * Whether the editor is opened as a view of its own. On a phone that view covers the screen, and it
 * takes a history entry, so the system back button or gesture closes it instead of leaving the page;
 * on a wide screen "opening" scrolls the editor into view.
 */
export class EditorViewController implements ReactiveController {
  phone: boolean;
  focused = false;
  private readonly _media = matchMedia(PHONE_QUERY);

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called once the view is rendered open: `phone` tells which layout it is in. */
    private readonly onOpened: (phone: boolean) => void,
  ) {
    this.phone = this._media.matches;
    host.addController(this);
  }

  /** The editor covers the page (and the page behind it is inert). */
  get covering(): boolean {
    return this.phone && this.focused;
  }

  hostConnected() {
    this._media.addEventListener('change', this._onMedia);
    window.addEventListener('popstate', this._onPopState);
  }

  hostDisconnected() {
    this._media.removeEventListener('change', this._onMedia);
    window.removeEventListener('popstate', this._onPopState);
  }

  async open() {
    this.focused = true;
    if (this.phone && !marked()) history.pushState({ ...(history.state ?? {}), [MARK]: true }, '');
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.onOpened(this.phone);
  }

  close() {
    this.focused = false;
    this.host.requestUpdate();
    if (marked()) history.back();
  }

  private readonly _onMedia = () => {
    this.phone = this._media.matches;
    this.host.requestUpdate();
  };

  private readonly _onPopState = () => {
    if (!this.focused || marked()) return;
    this.focused = false;
    this.host.requestUpdate();
  };
}
