// The SVG of <box-labeler>: boxes, their handles with touch areas, and suggestions, in image pixels.
// `unit` is how many image pixels one screen pixel spans at the current size and zoom, so what must
// stay a fixed size on screen (labels, handles, their touch areas) is sized from it.
import { msg, str } from '@lit/localize';
import { nothing, svg } from 'lit';
import type { LabeledBox } from '../../dataset/dataset-store.ts';
import type { Box } from '../../model/geometry.ts';
import { handlePoints } from './box-geometry.ts';
import type { Suggestion } from './suggestion.ts';

/** Radius of a handle's touch area in screen pixels: a 44 px target (the app's --tap-target). */
export const HANDLE_REACH = 22;
/** Radius of the dot drawn at a handle, in screen pixels. */
const HANDLE_DOT = 7;
const LABEL_SIZE = 13;

function label([x, y]: Box, text: string, unit: number) {
  const size = LABEL_SIZE * unit;
  return svg`<text x=${x + size * 0.2} y=${y > size * 1.2 ? y - size * 0.3 : y + size} font-size=${size}>${text}</text>`;
}

/** A box; the selected one also shows its handles, each with its touch area drawn around it. */
export function renderBox(
  { box, label: name }: LabeledBox,
  index: number,
  selected: boolean,
  unit: number,
  onFocus: (index: number) => void,
) {
  const [x, y, w, h] = box;
  return svg`<rect class="box" data-box=${index} x=${x} y=${y} width=${w} height=${h} tabindex="0" role="option"
      aria-selected=${selected ? 'true' : 'false'}
      aria-label=${msg(str`${name} ${index + 1}: ${Math.round(w)}×${Math.round(h)} at ${Math.round(x)}, ${Math.round(y)}`, { id: 'labeler.box' })}
      @focus=${() => onFocus(index)}></rect>
    ${label(box, name, unit)}
    ${
      selected
        ? handlePoints(box, HANDLE_REACH * unit).map(
            ([handle, cx, cy]) =>
              svg`<circle class="handle-area" data-handle=${handle} cx=${cx} cy=${cy} r=${HANDLE_REACH * unit}></circle>
                <circle class="handle" cx=${cx} cy=${cy} r=${HANDLE_DOT * unit}></circle>`,
          )
        : nothing
    }`;
}

/** A proposed box, dashed; the picked one is drawn solid so the ✓ / ✕ buttons clearly refer to it. */
export function renderSuggestion(
  { box, score }: Suggestion,
  index: number,
  picked: boolean,
  unit: number,
  onFocus: (index: number) => void,
) {
  const [x, y, w, h] = box;
  const percent = Math.round(score * 100);
  return svg`<rect class="suggestion ${picked ? 'picked' : ''}" data-index=${index} x=${x} y=${y} width=${w} height=${h}
      tabindex="0" role="option" aria-selected=${picked ? 'true' : 'false'}
      aria-label=${msg(str`Suggested box ${index + 1}, ${percent} %: Enter accepts, Delete rejects`, { id: 'labeler.suggestion' })}
      @focus=${() => onFocus(index)}></rect>
    ${label(box, `${percent}%`, unit)}`;
}

/** A marker around a box in question: wide, dashed, under the boxes so they stay tappable. */
export function renderHighlight([x, y, w, h]: Box, unit: number) {
  const pad = 6 * unit;
  return svg`<rect class="highlight" data-highlight x=${x - pad} y=${y - pad} width=${w + 2 * pad} height=${h + 2 * pad}></rect>`;
}

/** The suggestion the keyboard is on, if it is on one (its index). */
export function focusedSuggestion(event: KeyboardEvent): number | undefined {
  const target = event.composedPath()[0];
  if (!(target instanceof SVGRectElement) || !target.classList.contains('suggestion')) return undefined;
  return Number(target.dataset.index);
}

/** Where a pointer is, in image pixels; getScreenCTM includes the zoom's CSS transform, so any zoom is right. */
export function imagePoint(svgElement: SVGSVGElement, event: PointerEvent): { x: number; y: number } {
  const matrix = svgElement.getScreenCTM()?.inverse();
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
  return { x: point.x, y: point.y };
}
