import { dueByElapsedHours } from './elapsed-hours';
import { DueTerm, Term } from './term';

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error(`expected a due term, got ${term.summary}`);
  return term;
}

const HOUR = 3_600_000;

describe('CAL-6 — elapsed-hour terms (Fastweb, 72 hours)', () => {
  it('given AS-01 (2026-03-02 09:00), then due 2026-03-05 09:00', () => {
    const term = due(dueByElapsedHours({ from: '2026-03-02T09:00:00+01:00', hours: 72 }));
    expect(term.dueAtLocal).toBe('2026-03-05T09:00:00.000+01:00');
    expect(term.rules).toEqual(['CAL-1', 'CAL-6']);
  });

  it('given AS-04 (2026-01-07 08:00), then due 2026-01-10 08:00', () => {
    const term = due(dueByElapsedHours({ from: '2026-01-07T08:00:00+01:00', hours: 72 }));
    expect(term.dueAtLocal).toBe('2026-01-10T08:00:00.000+01:00');
  });

  it('given AS-07, Sat 2026-03-28 10:00 CET before DST starts, then due Tue 03-31 11:00 CEST (09:00Z)', () => {
    const term = due(dueByElapsedHours({ from: '2026-03-28T09:00:00Z', hours: 72 }));
    expect(term.dueAt).toBe('2026-03-31T09:00:00.000Z');
    expect(term.dueAtLocal).toBe('2026-03-31T11:00:00.000+02:00');
    expect(term.summary).toBe(
      '72 elapsed hour(s) from 2026-03-28T10:00:00.000+01:00 (CAL-6): due 2026-03-31T11:00:00.000+02:00.',
    );
  });

  it('given Sat 2026-10-24 10:00 CEST before DST ends, then due Tue 10-27 09:00 CET (08:00Z)', () => {
    const term = due(dueByElapsedHours({ from: '2026-10-24T10:00:00+02:00', hours: 72 }));
    expect(term.dueAt).toBe('2026-10-27T08:00:00.000Z');
    expect(term.dueAtLocal).toBe('2026-10-27T09:00:00.000+01:00');
  });

  it('given a negative or infinite number of hours, then the term is refused', () => {
    expect(() => dueByElapsedHours({ from: '2026-03-02T09:00:00Z', hours: -1 })).toThrow(
      RangeError,
    );
    expect(() => dueByElapsedHours({ from: '2026-03-02T09:00:00Z', hours: Infinity })).toThrow(
      RangeError,
    );
  });

  describe('CAL-8 — pauses move the due instant by the paused time', () => {
    it('given AS-05, a 72 h pause inside the term, then due moves from 03-13 10:00 to 03-16 10:00', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00+01:00',
          hours: 72,
          pauses: [{ start: '2026-03-11T12:00:00+01:00', end: '2026-03-14T12:00:00+01:00' }],
        }),
      );
      expect(term.unpausedDueAt).toBe('2026-03-13T09:00:00.000Z');
      expect(term.dueAtLocal).toBe('2026-03-16T10:00:00.000+01:00');
      expect(term.pausedMs).toBe(72 * HOUR);
      expect(term.rules).toContain('CAL-8');
      expect(term.summary).toContain('plus 72 h paused (CAL-8)');
    });

    it('given AS-06, force majeure 02-03 12:00 → 02-06 12:00, then due 2026-02-09 10:00', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-02-03T10:00:00+01:00',
          hours: 72,
          pauses: [{ start: '2026-02-03T12:00:00+01:00', end: '2026-02-06T12:00:00+01:00' }],
        }),
      );
      expect(term.dueAtLocal).toBe('2026-02-09T10:00:00.000+01:00');
    });

    it('given overlapping pauses, then the overlap is counted once', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00Z',
          hours: 72,
          pauses: [
            { start: '2026-03-11T10:00:00Z', end: '2026-03-11T16:00:00Z' },
            { start: '2026-03-11T14:00:00Z', end: '2026-03-11T20:00:00Z' },
          ],
        }),
      );
      expect(term.pausedMs).toBe(10 * HOUR);
      expect(term.pauses).toHaveLength(1);
    });

    it('given a pause that begins after the unpaused due but before the moved one, then it counts too', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00Z',
          hours: 72,
          pauses: [
            { start: '2026-03-12T10:00:00Z', end: '2026-03-13T10:00:00Z' },
            { start: '2026-03-13T20:00:00Z', end: '2026-03-13T22:00:00Z' },
          ],
        }),
      );
      expect(term.dueAt).toBe('2026-03-14T12:00:00.000Z');
    });

    it('given a pause that begins at or after the due instant, then it does not revive the term', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00Z',
          hours: 72,
          pauses: [{ start: '2026-03-13T10:00:00Z', end: '2026-03-14T10:00:00Z' }],
        }),
      );
      expect(term.dueAt).toBe('2026-03-13T10:00:00.000Z');
      expect(term.pausedMs).toBe(0);
    });

    it('given a pause that began before the report, then only its part after the report counts', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00Z',
          hours: 72,
          pauses: [{ start: '2026-03-09T10:00:00Z', end: '2026-03-10T13:00:00Z' }],
        }),
      );
      expect(term.pausedMs).toBe(3 * HOUR);
    });

    it('given a pause across the DST change, then its real length (not wall clock) is added', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-28T10:00:00+01:00',
          hours: 72,
          pauses: [{ start: '2026-03-29T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' }],
        }),
      );
      expect(term.pausedMs).toBe(23 * HOUR);
      expect(term.dueAtLocal).toBe('2026-04-01T10:00:00.000+02:00');
    });

    it('given an open pause 20 h into the term, then it is suspended with 52 h left', () => {
      const term = dueByElapsedHours({
        from: '2026-03-10T10:00:00Z',
        hours: 72,
        pauses: [{ start: '2026-03-11T06:00:00Z', end: null }],
      });
      expect(term).toMatchObject({
        status: 'SUSPENDED',
        dueAt: null,
        reason: 'OPEN_PAUSE',
        pausedSince: '2026-03-11T06:00:00.000Z',
        remaining: { value: 52, unit: 'hours' },
      });
      expect(term.summary).toContain('52 h left');
    });

    it('given an open pause that begins after the due instant, then the term stays due', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00Z',
          hours: 72,
          pauses: [{ start: '2026-03-14T06:00:00Z', end: null }],
        }),
      );
      expect(term.dueAt).toBe('2026-03-13T10:00:00.000Z');
    });
  });
});
