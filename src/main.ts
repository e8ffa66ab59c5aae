import { applyLocale, preferredLocale } from './app/i18n.ts';
import { applyTheme, preferredTheme } from './app/theme.ts';

applyTheme(preferredTheme());
// Load the translations before the shell renders, so Japanese users never see an English flash.
await applyLocale(preferredLocale());
await import('./app/tama-app.ts');
