import { isSealedValue } from '@sportello/eventstore';

/** What an auditor sees in place of a personal field unless they unmask it (PRV-1). */
export const MASKED = '[masked]';
/** What everyone sees once the subject's key is destroyed (PRV-13). */
export const ERASED_VALUE = '[erased]';

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** The data subjects whose sealed fields appear in the data. */
export function sealedSubjects(data: unknown, into = new Set<string>()): Set<string> {
  if (isSealedValue(data)) into.add(data.subject);
  else if (Array.isArray(data)) for (const item of data) sealedSubjects(item, into);
  else if (typeof data === 'object' && data !== null)
    for (const value of Object.values(data)) sealedSubjects(value, into);
  return into;
}

/**
 * Replaces every sealed field by `[masked]` (or `[erased]` when its subject was erased) without
 * opening anything: no key is read to show a masked page.
 */
export function maskSealed(
  data: unknown,
  erasedSubjects: ReadonlySet<string>,
): { data: unknown; masked: string[]; erased: string[] } {
  const masked: string[] = [];
  const erased: string[] = [];
  const visit = (value: unknown, path: string): unknown => {
    if (isSealedValue(value)) {
      const gone = erasedSubjects.has(value.subject);
      (gone ? erased : masked).push(path);
      return gone ? ERASED_VALUE : MASKED;
    }
    if (Array.isArray(value)) return value.map((item, i) => visit(item, join(path, String(i))));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, visit(v, join(path, k))]),
      );
    return value;
  };
  return { data: visit(data, ''), masked, erased };
}
