import { mergePauses } from './pause';

describe('CAL-8 — merging pauses', () => {
  it('given overlapping, contained and adjacent pauses out of order, then they merge into one', () => {
    expect(
      mergePauses([
        { start: '2026-03-11T15:00:00Z', end: '2026-03-12T00:00:00Z' },
        { start: '2026-03-11T10:00:00Z', end: '2026-03-11T16:00:00Z' },
        { start: '2026-03-11T11:00:00Z', end: '2026-03-11T12:00:00Z' },
        { start: '2026-03-12T00:00:00Z', end: '2026-03-12T06:00:00Z' },
      ]),
    ).toEqual([{ start: '2026-03-11T10:00:00.000Z', end: '2026-03-12T06:00:00.000Z' }]);
  });

  it('given separate pauses, then they stay apart, sorted', () => {
    expect(
      mergePauses([
        { start: new Date('2026-03-13T10:00:00Z'), end: new Date('2026-03-13T11:00:00Z') },
        { start: '2026-03-11T12:00:00+01:00', end: '2026-03-11T13:00:00+01:00' },
      ]),
    ).toEqual([
      { start: '2026-03-11T11:00:00.000Z', end: '2026-03-11T12:00:00.000Z' },
      { start: '2026-03-13T10:00:00.000Z', end: '2026-03-13T11:00:00.000Z' },
    ]);
  });

  it('given an open pause, then it absorbs every later pause and stays open', () => {
    expect(
      mergePauses([
        { start: '2026-03-11T10:00:00Z', end: null },
        { start: '2026-03-12T10:00:00Z', end: '2026-03-13T10:00:00Z' },
        { start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z' },
      ]),
    ).toEqual([
      { start: '2026-03-10T10:00:00.000Z', end: '2026-03-10T11:00:00.000Z' },
      { start: '2026-03-11T10:00:00.000Z', end: null },
    ]);
  });

  it('given an empty pause, then it vanishes', () => {
    expect(mergePauses([{ start: '2026-03-11T10:00:00Z', end: '2026-03-11T10:00:00Z' }])).toEqual(
      [],
    );
  });

  it('given a pause ending before it starts, or an instant without an offset, then it is refused', () => {
    expect(() =>
      mergePauses([{ start: '2026-03-11T10:00:00Z', end: '2026-03-11T09:00:00Z' }]),
    ).toThrow(RangeError);
    expect(() => mergePauses([{ start: '2026-03-11T10:00:00', end: null }])).toThrow(RangeError);
    expect(() => mergePauses([{ start: '2026-03-11', end: null }])).toThrow(RangeError);
  });
});
