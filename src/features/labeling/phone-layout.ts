import { unsafeCSS } from 'lit';

/**
 * Below the app shell's 900 px breakpoint (where its section tabs move to the bottom of the screen) the
 * editor is a view of its own, with its bar under the thumb; above it, the photo sits beside its tools.
 */
export const PHONE_QUERY = '(max-width: 899px)';
export const phoneMedia = unsafeCSS(PHONE_QUERY);
export const wideMedia = unsafeCSS('(min-width: 900px)');
