import { createContext } from '@lit/context';
import type { BackendChoice, BackendName, BackendProbe } from './backends.ts';

/** What every feature needs to know about the TF.js backend; a new object is provided on every change. */
export interface BackendInfo {
  preference: BackendChoice;
  /** `idle` until a page that runs a model opens: About, Share, Train and MNIST start no TF.js here. */
  status: 'idle' | 'selecting' | 'ready' | 'failed';
  active?: BackendName;
  probes: BackendProbe[];
  error?: string;
  /**
   * The backend whose GPU went away during this visit; `active` is the one that took over. The
   * preference is left as the user saved it: the GPU is usually back on the next visit.
   */
  lost?: BackendName;
  /**
   * Resolves once the current selection is active; features await it before touching TF.js. While
   * `idle` it resolves with the selection that starts later.
   */
  ready: Promise<BackendName>;
}

export const backendContext = createContext<BackendInfo>(Symbol('backend'));
