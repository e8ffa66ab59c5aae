import { expect } from '@esm-bundle/chai';
import { estimateRemaining, formatDuration, formatRemaining } from './format-duration.ts';

describe('formatDuration', () => {
  it('says hours, minutes and seconds in words of each language', () => {
    const times = [0, 44_600, 187_000, 3_725_000, -5];
    expect(times.map((ms) => formatDuration(ms, 'ja'))).to.deep.equal([
      '0 秒',
      '45 秒',
      '3 分 7 秒',
      '1 時間 2 分 5 秒',
      '0 秒',
    ]);
    expect(times.map((ms) => formatDuration(ms, 'en'))).to.deep.equal([
      '0 sec',
      '45 sec',
      '3 min 7 sec',
      '1 hr 2 min 5 sec',
      '0 sec',
    ]);
  });

  it('leaves out a zero unit between others', () => {
    expect(formatDuration(120_000, 'ja')).to.equal('2 分');
    expect(formatDuration(3_605_000, 'ja')).to.equal('1 時間 5 秒');
  });

  it('follows the page language when none is given', () => {
    const before = document.documentElement.lang;
    try {
      document.documentElement.lang = 'ja';
      expect(formatDuration(40_000)).to.equal('40 秒');
      document.documentElement.lang = 'en';
      expect(formatDuration(40_000)).to.equal('40 sec');
    } finally {
      document.documentElement.lang = before;
    }
  });
});

describe('formatRemaining', () => {
  it('counts seconds under a minute instead of "0 minutes"', () => {
    expect(formatRemaining(38_000, 'ja')).to.equal('40 秒');
    expect(formatRemaining(41_000, 'ja')).to.equal('45 秒');
    expect(formatRemaining(800, 'ja')).to.equal('5 秒');
    expect(formatRemaining(0, 'ja')).to.equal('5 秒');
    expect(formatRemaining(38_000, 'en')).to.equal('40 sec');
  });

  it('keeps tens of seconds under ten minutes, then whole minutes, then 5-minute steps', () => {
    expect(formatRemaining(128_000, 'ja')).to.equal('2 分 10 秒');
    expect(formatRemaining(128_000, 'en')).to.equal('2 min 10 sec');
    expect(formatRemaining(59_700, 'ja')).to.equal('1 分');
    expect(formatRemaining(754_000, 'ja')).to.equal('13 分');
    expect(formatRemaining(4_100_000, 'ja')).to.equal('1 時間 10 分');
    expect(formatRemaining(4_100_000, 'en')).to.equal('1 hr 10 min');
  });
});

describe('estimateRemaining', () => {
  it('estimates the time left from the pace so far', () => {
    expect(estimateRemaining(1000, 0, 10)).to.equal(undefined);
    expect(estimateRemaining(1000, 2, 10)).to.equal(4000);
    expect(estimateRemaining(1000, 12, 10)).to.equal(0);
  });
});
