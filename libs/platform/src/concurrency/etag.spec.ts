import { ProblemException } from '../errors/problem';
import { etagOf, parseIfMatch } from './etag';

describe('If-Match and ETag', () => {
  it('formats a revision as a strong entity tag', () => {
    expect(etagOf(0)).toBe('"0"');
    expect(etagOf(41)).toBe('"41"');
  });

  it('reads strong and weak tags, and treats an absent header or * as no precondition', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch('  "12" ')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it.each(['3', '"three"', '"-1"', 'W/3', '"3", "4"', '', '"3', 'w/"3"', '"1234567890123456"'])(
    'refuses %p with a 400 problem rather than ignoring it',
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(ProblemException);
      try {
        parseIfMatch(header);
      } catch (error) {
        expect((error as ProblemException).problem).toMatchObject({
          status: 400,
          slug: 'malformed-request',
        });
      }
    },
  );
});
