import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Point } from './box-geometry.ts';

/** CSS transform of the zoomed content: `translate(x, y) scale(scale)` from the host's top left. */
export interface View {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

/** Two fingers down: the view at the start of the gesture, to scale and pan from. */
interface Pinch extends View {
  mid: Point;
  distance: number;
}

const maxZoom = 8;
const unzoomed: View = { scale: 1, x: 0, y: 0 };

/**
 * Zoom and pan of the host's content, never showing past its edges: two fingers pinch (zoom and pan
 * in one gesture), ctrl+wheel zooms at the pointer, the wheel pans while zoomed, + / - / 0 keys.
 * The host forwards its pointer events to handlePointerDown / Move / Up, because one finger draws
 * and only a second one zooms: their answer tells the host which events are not its to draw with.
 */
export class ZoomPanController implements ReactiveController {
  private _view = unzoomed;
  private readonly _pointers = new Map<number, Point>();
  private _pinch: Pinch | undefined;
  /** After a pinch, the finger left on the screen must not start drawing. */
  private _ignorePointers = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The first finger may already be drawing or moving a box when the second one lands. */
    private readonly onPinchStart: () => void,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.host.addEventListener('keydown', this._onKeyDown);
    this.host.addEventListener('wheel', this._onWheel, { passive: false });
  }

  hostDisconnected() {
    this.host.removeEventListener('keydown', this._onKeyDown);
    this.host.removeEventListener('wheel', this._onWheel);
  }

  get view(): View {
    return this._view;
  }

  reset() {
    this._view = unzoomed;
    this.host.requestUpdate();
  }

  /** Zooms by `factor` keeping the point `at` (host pixels) still. */
  zoomBy(factor: number, at?: Point) {
    const { width, height } = this.host.getBoundingClientRect();
    const anchor = at ?? { x: width / 2, y: height / 2 };
    const { scale, x, y } = this._view;
    const next = Math.min(maxZoom, Math.max(1, scale * factor));
    this._setView(next, anchor.x - ((anchor.x - x) * next) / scale, anchor.y - ((anchor.y - y) * next) / scale);
  }

  /** Returns true when the pointer is the zoom's: the host must not draw with it. */
  handlePointerDown(event: PointerEvent): boolean {
    this._pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this._pointers.size === 2) {
      this.onPinchStart();
      this._startPinch();
      return true;
    }
    return this._pointers.size > 2 || this._ignorePointers;
  }

  /** Returns true when the move is not the host's to draw with: a pinch, or a pointer that is not down. */
  handlePointerMove(event: PointerEvent): boolean {
    if (!this._pointers.has(event.pointerId)) return true;
    this._pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (!this._pinch) return false;
    this._movePinch(this._pinch);
    return true;
  }

  /** For pointerup and pointercancel; returns true when the pointer ended a pinch or was left from one. */
  handlePointerUp(event: PointerEvent): boolean {
    this._pointers.delete(event.pointerId);
    if (!this._pinch && !this._ignorePointers) return false;
    this._pinch = undefined;
    this._ignorePointers = this._pointers.size > 0;
    return true;
  }

  private _setView(scale: number, x: number, y: number) {
    const { width, height } = this.host.getBoundingClientRect();
    const clamp = (value: number, size: number) => Math.min(0, Math.max(size - size * scale, value));
    this._view = { scale, x: clamp(x, width), y: clamp(y, height) };
    this.host.requestUpdate();
  }

  private _hostPoint(client: Point): Point {
    const rect = this.host.getBoundingClientRect();
    return { x: client.x - rect.left, y: client.y - rect.top };
  }

  private _fingers(): [Point, Point] {
    return [...this._pointers.values()].map((p) => this._hostPoint(p)) as [Point, Point];
  }

  private _startPinch() {
    const [a, b] = this._fingers();
    this._pinch = {
      ...this._view,
      mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
    };
  }

  private _movePinch(pinch: Pinch) {
    const [a, b] = this._fingers();
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const scale = Math.min(maxZoom, Math.max(1, (pinch.scale * Math.hypot(a.x - b.x, a.y - b.y)) / pinch.distance));
    // The image point that was under the fingers' midpoint stays under it: zoom and pan in one gesture.
    this._setView(
      scale,
      mid.x - ((pinch.mid.x - pinch.x) * scale) / pinch.scale,
      mid.y - ((pinch.mid.y - pinch.y) * scale) / pinch.scale,
    );
  }

  private readonly _onWheel = (event: WheelEvent) => {
    // ctrl+wheel is also what a trackpad pinch sends.
    if (event.ctrlKey) {
      event.preventDefault();
      this.zoomBy(Math.exp(-event.deltaY / 200), this._hostPoint({ x: event.clientX, y: event.clientY }));
    } else if (this._view.scale > 1) {
      event.preventDefault();
      this._setView(this._view.scale, this._view.x - event.deltaX, this._view.y - event.deltaY);
    }
  };

  private readonly _onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey) return;
    if (event.key === '+' || event.key === '=') this.zoomBy(1.5);
    else if (event.key === '-') this.zoomBy(1 / 1.5);
    else if (event.key === '0') this.reset();
    else return;
    event.preventDefault();
  };
}
