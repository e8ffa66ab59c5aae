import { appEvent } from '../../shared/typed-event.ts';

/**
 * The stored models changed here (imported, renamed, deleted, restored, kept from a run): others listing
 * them reload. Its own module so the Train page's first paint needs none of the model list's code.
 */
export class ModelsChangeEvent extends appEvent<void>()('tama-models-change') {}
