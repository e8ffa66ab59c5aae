import { createContext } from '@lit/context';

export interface ToastOptions {
  /** Label of the single action button; the promise resolves with 'action' when it is pressed. */
  action?: string;
  /** Milliseconds before the toast goes away by itself; 0 keeps it until the user acts. */
  timeout?: number;
  tone?: 'info' | 'error';
}

export type ToastOutcome = 'action' | 'dismissed';

export interface Toaster {
  show(message: string, options?: ToastOptions): Promise<ToastOutcome>;
}

export const toastContext = createContext<Toaster>(Symbol('toaster'));
