import { dueByWorkingDays } from './day-terms';
import { DueTerm, Term } from './term';

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error(`expected a due term, got ${term.summary}`);
  return term;
}

describe('CAL-4 — working days', () => {
  it('given AS-19 / CMP-4, a fax sent Fri 2026-04-03, then it is received the 1st working day after: Tue 04-07', () => {
    const term = due(dueByWorkingDays({ from: '2026-04-03T17:00:00+02:00', days: 1 }));
    expect(term.dueDate).toBe('2026-04-07');
    expect(term.days.map((d) => [d.date, d.skipped])).toEqual([
      ['2026-04-04', 'SATURDAY'],
      ['2026-04-05', 'HOLIDAY'],
      ['2026-04-06', 'HOLIDAY'],
      ['2026-04-07', null],
    ]);
    expect(term.rule).toBe('CAL-4');
  });

  it('given ACT-6, 20 working days from Mon 2026-04-20, then 25 April and 1 May are skipped: due Tue 05-19', () => {
    const term = due(dueByWorkingDays({ from: '2026-04-20', days: 20 }));
    expect(term.dueDate).toBe('2026-05-19');
    expect(term.days.filter((d) => d.ordinal !== null)).toHaveLength(20);
  });

  it('given a fax on Fri 2027-10-01, then Sat, Sun and San Francesco are skipped: Tue 2027-10-05', () => {
    expect(due(dueByWorkingDays({ from: '2027-10-01', days: 1 })).dueDate).toBe('2027-10-05');
  });

  it('given a fax on Thu 2026-12-24, then Christmas, the weekend and Santo Stefano pass: Mon 12-28', () => {
    expect(due(dueByWorkingDays({ from: '2026-12-24', days: 1 })).dueDate).toBe('2026-12-28');
  });
});
