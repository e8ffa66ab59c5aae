// Line icons for the editor's touch bar, drawn inline so every device shows the same shape (emoji
// and symbol fonts differ from phone to phone, and some have no trash can at all).
import { type SVGTemplateResult, svg } from 'lit';

const icon = (paths: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

export const icons = {
  previous: icon(svg`<path d="M15 18l-6-6 6-6"/>`),
  next: icon(svg`<path d="M9 18l6-6-6-6"/>`),
  undo: icon(svg`<path d="M9 14L4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>`),
  redo: icon(svg`<path d="M15 14l5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>`),
  trash: icon(svg`<path d="M3 6h18"/><path d="M8 6V4h8v2"/><path d="M6 6l1 14h10l1-14"/><path d="M10 11v5M14 11v5"/>`),
  check: icon(svg`<path d="M20 6L9 17l-5-5"/>`),
  checks: icon(svg`<path d="M17 6L7 16l-4-4"/><path d="M22 8l-8 8-1.5-1.5"/>`),
  cross: icon(svg`<path d="M18 6L6 18M6 6l12 12"/>`),
  duplicate: icon(svg`<rect x="8" y="8" width="12" height="12" rx="2"/><path d="M4 16V6a2 2 0 0 1 2-2h10"/>`),
  back: icon(svg`<path d="M19 12H5M12 19l-7-7 7-7"/>`),
  fit: icon(svg`<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>`),
};
