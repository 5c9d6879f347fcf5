/**
 * The identifiers a data subject is found by (issue 8): codice fiscale, Partita IVA, phone and
 * e-mail. Only their keyed hashes are stored (blind indexes); here they are normalised so that
 * the same person typed twice gives the same hash, and a filing is matched to a known subject.
 */
export const IDENTIFIER_KINDS = ['fiscal_code', 'vat_number', 'phone', 'email'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Identify one person or company on their own: a match on them is a match on the subject. */
export const STRONG_KINDS: readonly IdentifierKind[] = ['fiscal_code', 'vat_number'];

export interface SubjectIdentifiers {
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface Identifier {
  kind: IdentifierKind;
  /** Normalised; hashed before it is stored or compared. */
  value: string;
}

const FIELD_OF: Record<IdentifierKind, keyof SubjectIdentifiers> = {
  fiscal_code: 'fiscalCode',
  vat_number: 'vatNumber',
  phone: 'phone',
  email: 'email',
};

export function fieldOfKind(kind: IdentifierKind): keyof SubjectIdentifiers {
  return FIELD_OF[kind];
}

export function kindOfField(field: string): IdentifierKind | null {
  const entry = Object.entries(FIELD_OF).find(([, f]) => f === field);
  return entry ? (entry[0] as IdentifierKind) : null;
}

/** The canonical form of one identifier, or null when it cannot be one. */
export function normalizeIdentifier(kind: IdentifierKind, raw: string): string | null {
  const compact = raw.replace(/[\s.\-/()]/g, '');
  switch (kind) {
    case 'fiscal_code': {
      const value = compact.toUpperCase();
      return /^[A-Z0-9]{11,16}$/.test(value) ? value : null;
    }
    case 'vat_number': {
      const value = compact.toUpperCase().replace(/^IT/, '');
      return /^\d{11}$/.test(value) ? value : null;
    }
    case 'phone': {
      // An Italian number may be written with or without +39 / 0039: one subject either way.
      const international = compact.replace(/^00/, '+');
      const value = international.startsWith('+') ? international : `+39${international}`;
      return /^\+\d{6,18}$/.test(value) ? value : null;
    }
    case 'email': {
      const value = raw.trim().toLowerCase();
      return /^[^\s@]+@[^\s@]+$/.test(value) && value.length <= 254 ? value : null;
    }
  }
}

/** The usable identifiers among those given, normalised, each kind and value once. */
export function identifiersOf(input: SubjectIdentifiers): Identifier[] {
  const found: Identifier[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const raw = input[FIELD_OF[kind]];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const value = normalizeIdentifier(kind, raw);
    if (value && !found.some((i) => i.kind === kind && i.value === value))
      found.push({ kind, value });
  }
  return found;
}

/** A known subject some of the given identifiers point at. */
export interface SubjectCandidate {
  subjectId: string;
  /** The given identifiers (by their hash) already linked to this subject. */
  matched: string[];
  /** Every kind of identifier this subject is known by (whatever its value). */
  kinds: IdentifierKind[];
}

export type SubjectChoice =
  { kind: 'existing'; subjectId: string; missing: string[] } | { kind: 'new'; missing: string[] };

/**
 * Which subject a filing belongs to, from the identifiers it gives (each with its hash) and the
 * subjects those hashes already point at:
 * - a codice fiscale, else a Partita IVA, already known names its subject;
 * - a subject known by another codice fiscale or Partita IVA is a different person;
 * - a new strong identifier adopts a subject known only by the same phone or e-mail, if only one;
 * - phone and e-mail alone (shared by families and offices) name a subject only when one matches.
 * `missing` lists the hashes to link to the chosen subject.
 */
export function chooseSubject(
  given: { kind: IdentifierKind; digest: string }[],
  candidates: SubjectCandidate[],
): SubjectChoice {
  const strongGiven = given.filter((g) => STRONG_KINDS.includes(g.kind));
  const contradicts = (c: SubjectCandidate) =>
    strongGiven.some((g) => c.kinds.includes(g.kind) && !c.matched.includes(g.digest));
  const missingFor = (c: SubjectCandidate | null) =>
    given.filter((g) => !c?.matched.includes(g.digest)).map((g) => g.digest);
  const pick = (c: SubjectCandidate): SubjectChoice => ({
    kind: 'existing',
    subjectId: c.subjectId,
    missing: missingFor(c),
  });
  const sorted = [...candidates].sort((a, b) => a.subjectId.localeCompare(b.subjectId));

  for (const strong of STRONG_KINDS) {
    const digest = strongGiven.find((g) => g.kind === strong)?.digest;
    const match = digest && sorted.find((c) => c.matched.includes(digest) && !contradicts(c));
    if (match) return pick(match);
  }
  const weakMatches = sorted.filter((c) => c.matched.length > 0);
  if (strongGiven.length > 0) {
    const adoptable = weakMatches.filter(
      (c) => !c.kinds.some((k) => STRONG_KINDS.includes(k)) && !contradicts(c),
    );
    return adoptable.length === 1 ? pick(adoptable[0]) : { kind: 'new', missing: missingFor(null) };
  }
  return weakMatches.length === 1
    ? pick(weakMatches[0])
    : { kind: 'new', missing: missingFor(null) };
}
