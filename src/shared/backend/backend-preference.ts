import { type BackendChoice, isBackendChoice } from './backends.ts';

const storageKey = 'tama-lab:backend';

export function loadBackendPreference(): BackendChoice {
  const stored = localStorage.getItem(storageKey);
  return isBackendChoice(stored) ? stored : 'auto';
}

export function saveBackendPreference(choice: BackendChoice): void {
  localStorage.setItem(storageKey, choice);
}
