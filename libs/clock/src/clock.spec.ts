import { TestClock } from './clock';

describe('TestClock', () => {
  it('stands still until moved, then tells its listeners', () => {
    const clock = new TestClock('2026-03-28T09:00:00Z');
    const seen: string[] = [];
    clock.onChange((now) => seen.push(now.toISOString()));

    expect(clock.now().toISOString()).toBe('2026-03-28T09:00:00.000Z');
    clock.advance({ hours: 72 });
    clock.set('2026-04-06T00:00:00Z');

    expect(seen).toEqual(['2026-03-31T09:00:00.000Z', '2026-04-06T00:00:00.000Z']);
  });

  it('refuses to move backwards by advance and rejects non-instants', () => {
    const clock = new TestClock();
    expect(() => clock.advance({ hours: -1 })).toThrow(RangeError);
    expect(() => clock.set('not a date')).toThrow(RangeError);
  });
});
