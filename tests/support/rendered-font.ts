// Layout tests measure text, and text is only as wide as the font Chromium found for it: without a
// Japanese font every character is a narrow fallback box. A failed layout check says which fonts
// rendered the element, so "28.8 px wide" reads as "no Japanese font" at once.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { japaneseFont } from '../../scripts/lib/fonts.ts';

interface PlatformFont {
  familyName: string;
  glyphCount: number;
}

/** The platform fonts Chromium used for the element's text, e.g. "Noto Sans CJK JP (12 glyphs)". */
export async function renderedFonts(page: Page, target: Locator | string = 'body'): Promise<string> {
  const locator = typeof target === 'string' ? page.locator(target).first() : target.first();
  const cdp = await page.context().newCDPSession(page);
  try {
    await locator.evaluate((element) => {
      (globalThis as { __fontProbe?: Element }).__fontProbe = element;
    });
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'globalThis.__fontProbe' });
    if (!result.objectId) return 'rendered fonts unknown (element not found)';
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: PlatformFont[] };
    const named = fonts.map((font) => `${font.familyName} (${font.glyphCount} glyphs)`).join(', ');
    const machine = japaneseFont() ? '' : ' (this machine has no Japanese font: run npm test, which installs one)';
    return `rendered with ${named || 'no font (no text)'}${machine}`;
  } catch (error) {
    return `rendered fonts unknown (${(error as Error).message})`;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** assert.ok for a measured layout: on failure the message names the fonts the element rendered with. */
export async function assertLayout(
  page: Page,
  holds: boolean,
  message: string,
  target: Locator | string = 'body',
): Promise<void> {
  if (holds) return;
  assert.fail(`${message}; ${await renderedFonts(page, target)}`);
}
