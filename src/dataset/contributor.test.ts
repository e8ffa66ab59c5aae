import { expect } from '@esm-bundle/chai';
import { contributorSetting, normalizeContributor } from './contributor.ts';

describe('contributor names', () => {
  afterEach(() => contributorSetting.clear());

  it('are trimmed, one line, at most 40 characters without splitting a character; blank is none', () => {
    expect(normalizeContributor('  田中 ')).to.equal('田中');
    expect(normalizeContributor('12')).to.equal('12');
    expect(normalizeContributor('田中\n\t太郎')).to.equal('田中 太郎');
    expect(normalizeContributor('a\u0000b')).to.equal('a b');
    const long = `${'あ'.repeat(39)}😀😀`;
    expect(normalizeContributor(long)).to.equal(`${'あ'.repeat(39)}😀`);
    expect(Array.from(normalizeContributor('x'.repeat(100)) as string)).to.have.length(40);
    for (const none of ['', '   ', '\n', 12, null, undefined, ['田中']]) {
      expect(normalizeContributor(none), String(none)).to.equal(undefined);
    }
  });

  it('is a setting: empty until set, read back cleaned, and a bad stored value falls back to none', () => {
    expect(contributorSetting.get()).to.equal('');
    contributorSetting.set('田中');
    expect(contributorSetting.get()).to.equal('田中');
    localStorage.setItem(contributorSetting.key, JSON.stringify('  12  '));
    expect(contributorSetting.get()).to.equal('12');
    localStorage.setItem(contributorSetting.key, JSON.stringify({ name: '田中' }));
    expect(contributorSetting.get()).to.equal('');
  });
});
