import { defineSetting } from '../settings.ts';
import { type BackendChoice, isBackendChoice } from './backends.ts';

/** The backend the user picked on this device ("auto" unless they chose one). */
export const backendPreference = defineSetting<BackendChoice>('backend', {
  version: 1,
  fallback: 'auto',
  parse: (stored) => (isBackendChoice(stored) ? stored : undefined),
  legacyKey: 'tama-lab:backend',
});
