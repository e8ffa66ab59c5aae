// The layout tests measure Japanese text, which is only meaningful when Chromium has a Japanese
// font (npm test's pretest installs one). This checks the machine and the report a failed layout
// check gives, on the app's own header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useAppUnderTest } from '../support/app-under-test.ts';
import { assertLayout, renderedFonts } from '../support/rendered-font.ts';

const app = useAppUnderTest();

test('Japanese renders with a Japanese font, and a failed layout check names it', async () => {
  const context = await app.browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/about`);
  const heading = page.locator('h1').first();
  await heading.waitFor();
  assert.match((await heading.textContent()) ?? '', /[\u3040-\u30ff\u4e00-\u9fff]/, 'the heading is Japanese');
  const fonts = await renderedFonts(page, heading);
  assert.match(fonts, /CJK|Gothic|Mincho|IPA|Japanese|JP/i, `a Japanese font drew the heading: ${fonts}`);

  // One full-width glyph is about as wide as the font size; a fallback box is about half of that.
  const [width, size, glyphs] = await heading.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = element.textContent ?? '';
    const japanese = [...text].filter((char) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(char)).length;
    return [range.getBoundingClientRect().width, Number.parseFloat(getComputedStyle(element).fontSize), japanese];
  });
  assert.ok(width >= glyphs * size * 0.8, `${glyphs} Japanese glyphs at ${size} px take ${width} px`);

  await assert.rejects(assertLayout(page, false, 'a check that fails', heading), (error: Error) => {
    assert.match(error.message, /^a check that fails; rendered with .+ \(\d+ glyphs\)/);
    return true;
  });
  await context.close();
});
