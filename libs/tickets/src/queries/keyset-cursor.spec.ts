import { ProblemException } from '@sportello/platform';
import { decodeCursor, encodeCursor } from './keyset-cursor';

const id = '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b';
const bad = (cursor: string, sentinel?: string) => () => decodeCursor(cursor, sentinel);

describe('keyset cursors', () => {
  it('give back the sort key and id they were made of, as opaque url-safe text', () => {
    const cursor = encodeCursor('2026-03-02T09:00:00.000Z', id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(['2026-03-02T09:00:00.000Z', id]);
  });

  it('accept the sentinel in place of an instant only where it is named', () => {
    const cursor = encodeCursor('infinity', id);
    expect(decodeCursor(cursor, 'infinity')).toEqual(['infinity', id]);
    expect(bad(cursor)).toThrow(ProblemException);
  });

  it('refuse anything this API did not return, naming the cursor field', () => {
    for (const cursor of [
      'not base64 json',
      encodeCursor('yesterday', id),
      encodeCursor('2026-03-02T09:00:00Z', 'not-an-id'),
      Buffer.from('{}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ])
      expect(bad(cursor, 'infinity')).toThrow('cursor: must be a cursor this API returned');
  });
});
