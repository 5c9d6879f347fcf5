import { ProblemException } from '@sportello/platform';

const ID = /^[0-9a-f-]{36}$/;

/** Keyset pagination: the sort key and id of a page's last row, opaque to the client. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/**
 * The sort key (an instant) and id a cursor holds, or a validation problem on `cursor`.
 * `sentinel` is a key that is not an instant but stands in for one ('infinity': no deadline).
 */
export function decodeCursor(cursor: string, sentinel?: string): [string, string] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const standIn = sentinel !== undefined && key === sentinel;
    if ((!standIn && Number.isNaN(Date.parse(key))) || !ID.test(id)) throw new Error('bad cursor');
    return [key, id];
  } catch {
    throw ProblemException.validation([
      { field: 'cursor', reason: 'must be a cursor this API returned' },
    ]);
  }
}
