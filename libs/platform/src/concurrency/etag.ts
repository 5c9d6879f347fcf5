import { ProblemException } from '../errors/problem';

/** A ticket resource's ETag is its stream revision, as a strong entity tag. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

const ENTITY_TAG = /^(W\/)?"(\d{1,15})"$/;

/**
 * Reads `If-Match` as the revision the client last saw. Strong and weak tags are both accepted
 * (proxies may weaken a tag); `*` means "any revision". Anything else is a 400, never ignored,
 * because silently dropping a precondition would let a stale write through.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const tags = value.split(',').map((tag) => tag.trim());
  if (tags.length !== 1)
    throw ProblemException.of('malformed-request', 'If-Match must carry exactly one ETag');
  const match = ENTITY_TAG.exec(tags[0]);
  if (!match)
    throw ProblemException.of(
      'malformed-request',
      'If-Match must be an ETag as returned by this API, e.g. "3"',
    );
  return Number(match[2]);
}
