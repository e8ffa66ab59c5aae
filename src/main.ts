import { applyLocale, preferredLocale } from './app/i18n.ts';
import { applyTheme, preferredTheme } from './app/theme.ts';

applyTheme(preferredTheme());
// Load the translations before the shell renders, so Japanese users never see an English flash.
await applyLocale(preferredLocale());
await import('./app/tama-app.ts');

// For the curious (and the end-to-end tests): `await tamaDebug.memory()` in the console shows how many
// tensors TF.js holds, which must stay flat while the live view runs.
Object.assign(window, {
  tamaDebug: { memory: async () => (await (await import('./shared/backend/backends.ts')).loadTf()).memory() },
});
