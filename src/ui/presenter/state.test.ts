import { describe, expect, it } from 'vitest';
import { presentRequested, withPresentFlag } from './state';

describe('presenter URL flag', () => {
  it('adds and removes ?present and keeps the share fragment and other parameters', () => {
    const base = 'https://lab.example/brokerlab/?lang=zh#s=1.abc';
    const on = withPresentFlag(base, true);
    expect(on).toBe('https://lab.example/brokerlab/?present&lang=zh#s=1.abc');
    expect(presentRequested(new URL(on).search)).toBe(true);
    const off = withPresentFlag(on, false);
    expect(off).toBe(base);
    expect(presentRequested(new URL(off).search)).toBe(false);
    expect(withPresentFlag('https://lab.example/', true)).toBe('https://lab.example/?present');
    expect(withPresentFlag('https://lab.example/?present', true)).toBe(
      'https://lab.example/?present',
    );
  });
});
