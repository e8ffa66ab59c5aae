import { expect } from '@esm-bundle/chai';
import { defineSetting, isBoolean, oneOf } from './settings.ts';

describe('settings store', () => {
  const colour = defineSetting<'red' | 'blue'>('test-colour', {
    version: 2,
    fallback: 'red',
    parse: oneOf(['red', 'blue'] as const),
    legacyKey: 'tama-lab:test-colour',
  });
  afterEach(() => colour.clear());

  it('keeps values under a versioned key and tells subscribers', () => {
    const seen: string[] = [];
    const unsubscribe = colour.subscribe((value) => seen.push(value));
    expect(colour.key).to.equal('tama-lab:v2:test-colour');
    expect(colour.get()).to.equal('red');
    colour.set('blue');
    expect(localStorage.getItem('tama-lab:v2:test-colour')).to.equal('"blue"');
    expect(colour.get()).to.equal('blue');
    unsubscribe();
    colour.set('red');
    expect(seen).to.deep.equal(['blue']);
  });

  it('falls back on bad stored values and reads a raw legacy value', () => {
    localStorage.setItem(colour.key, '"green"');
    expect(colour.get()).to.equal('red');
    localStorage.removeItem(colour.key);
    localStorage.setItem('tama-lab:test-colour', 'blue');
    expect(colour.get()).to.equal('blue');
  });

  it('parses the booleans written before versioning', () => {
    expect([isBoolean('on'), isBoolean('off'), isBoolean(1), isBoolean(true), isBoolean('x')]).to.deep.equal([
      true,
      false,
      true,
      true,
      undefined,
    ]);
  });
});
