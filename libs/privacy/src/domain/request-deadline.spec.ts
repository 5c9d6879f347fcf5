import { addMonthsClamped, requestDueOn, romeDateOf } from './request-deadline';

describe('EXT-PRV-1 — data-subject request deadline', () => {
  it('AS-38: received 2026-01-31, due 2026-02-28; extended, due 2026-04-30', () => {
    expect(requestDueOn('2026-01-31')).toBe('2026-02-28');
    expect(requestDueOn('2026-01-31', true)).toBe('2026-04-30');
  });

  it('adds months across a year end and on leap years', () => {
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('takes the Europe/Rome date of the receipt instant', () => {
    expect(romeDateOf('2026-01-31T23:30:00Z')).toBe('2026-02-01');
  });
});
