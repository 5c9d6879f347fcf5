import { v7 as uuidv7 } from 'uuid';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import {
  chooseSubject,
  IdentifierKind,
  identifiersOf,
  normalizeIdentifier,
  SubjectCandidate,
  SubjectIdentifiers,
} from '../domain/subject-identifiers';
import { BlindIndex } from './blind-index';

interface CandidateRow {
  subject_id: string;
  matched: string[];
  kinds: IdentifierKind[];
}

export interface FoundSubject {
  subjectId: string;
  matchedBy: IdentifierKind[];
}

/**
 * One person is one data subject across tickets (issue 8): filings resolve their subject here by
 * the blind indexes of the identifiers they carry. Only keyed hashes are stored; erasure forgets
 * them, so an erased person filing again becomes a new subject.
 */
export class SubjectRegistry {
  private readonly table: string;

  constructor(
    private readonly db: SqlExecutor,
    private readonly index: BlindIndex,
    schema: string,
    private readonly newId: () => string = uuidv7,
  ) {
    this.table = `${assertSchemaName(schema)}.subject_identifiers`;
  }

  static ddl(schema: string): string {
    return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.subject_identifiers (
  digest     text        NOT NULL,
  subject_id text        NOT NULL,
  kind       text        NOT NULL,
  key_id     text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (digest, subject_id)
);
CREATE INDEX IF NOT EXISTS subject_identifiers_subject ON ${schema}.subject_identifiers (subject_id);`;
  }

  /**
   * The subject a filing belongs to: the one its identifiers already point at, or a new one (see
   * `chooseSubject`). The identifiers are linked to it for the next filing. Call it where a
   * subject id used to be generated, with the customer's codice fiscale, Partita IVA, phone and
   * e-mail (any may be missing).
   */
  async resolveSubject(identifiers: SubjectIdentifiers): Promise<string> {
    const given = this.index.digestsOf(identifiersOf(identifiers));
    if (given.length === 0) return this.newId();
    const fast = chooseSubject(given, await this.candidates(this.db, given));
    if (fast.kind === 'existing' && fast.missing.length === 0) return fast.subjectId;
    return this.db.transaction(async (tx) => {
      // Two first filings of one person at once must not create two subjects.
      await tx.query(
        `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT hashtextextended(d, 0) AS k FROM unnest($1::text[]) AS d ORDER BY 1) AS locks`,
        [given.map((g) => g.digest)],
      );
      const choice = chooseSubject(given, await this.candidates(tx, given));
      const subjectId = choice.kind === 'existing' ? choice.subjectId : this.newId();
      const missing = given.filter((g) => choice.missing.includes(g.digest));
      await this.insert(tx, subjectId, missing);
      return subjectId;
    });
  }

  /** The subjects any of these identifiers point at, and by which. */
  async findSubjects(identifiers: SubjectIdentifiers): Promise<FoundSubject[]> {
    const given = this.index.digestsOf(identifiersOf(identifiers));
    if (given.length === 0) return [];
    const { rows } = await this.db.query<{ subject_id: string; kind: IdentifierKind }>(
      `SELECT subject_id, kind FROM ${this.table} WHERE digest = ANY($1::text[]) ORDER BY subject_id`,
      [given.map((g) => g.digest)],
    );
    const found = new Map<string, Set<IdentifierKind>>();
    for (const row of rows) {
      const kinds = found.get(row.subject_id) ?? new Set<IdentifierKind>();
      kinds.add(row.kind);
      found.set(row.subject_id, kinds);
    }
    return [...found].map(([subjectId, kinds]) => ({ subjectId, matchedBy: [...kinds].sort() }));
  }

  /** The kinds of identifier that find the subject (their values are not known). */
  async kindsOf(subjectId: string): Promise<IdentifierKind[]> {
    const { rows } = await this.db.query<{ kind: IdentifierKind }>(
      `SELECT DISTINCT kind FROM ${this.table} WHERE subject_id = $1 ORDER BY kind`,
      [subjectId],
    );
    return rows.map((r) => r.kind);
  }

  /** Erasure: the subject can no longer be found by any identifier. Returns how many were removed. */
  async forget(subjectId: string): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.table} WHERE subject_id = $1`, [
      subjectId,
    ]);
    return rowCount;
  }

  /** Rectification: the replaced values no longer find the subject; the correct one does. */
  async replace(
    subjectId: string,
    kind: IdentifierKind,
    replaced: string[],
    value: string,
  ): Promise<void> {
    const digestOf = (raw: string) => {
      const normalized = normalizeIdentifier(kind, raw);
      return normalized ? this.index.digest(kind, normalized) : null;
    };
    const old = replaced.map(digestOf).filter((d): d is string => d !== null);
    const fresh = digestOf(value);
    await this.db.transaction(async (tx) => {
      if (old.length)
        await tx.query(
          `DELETE FROM ${this.table} WHERE subject_id = $1 AND kind = $2 AND digest = ANY($3::text[])`,
          [subjectId, kind, old],
        );
      if (fresh) await this.insert(tx, subjectId, [{ kind, digest: fresh }]);
    });
  }

  private async candidates(
    db: SqlExecutor,
    given: { digest: string }[],
  ): Promise<SubjectCandidate[]> {
    const { rows } = await db.query<CandidateRow>(
      `SELECT m.subject_id, array_agg(m.digest) AS matched,
              (SELECT array_agg(DISTINCT k.kind) FROM ${this.table} k WHERE k.subject_id = m.subject_id) AS kinds
         FROM ${this.table} m WHERE m.digest = ANY($1::text[]) GROUP BY m.subject_id`,
      [given.map((g) => g.digest)],
    );
    return rows.map((r) => ({ subjectId: r.subject_id, matched: r.matched, kinds: r.kinds }));
  }

  private async insert(
    db: SqlExecutor,
    subjectId: string,
    digests: { kind: IdentifierKind; digest: string }[],
  ): Promise<void> {
    if (digests.length === 0) return;
    await db.query(
      `INSERT INTO ${this.table} (digest, subject_id, kind, key_id)
       SELECT d, $2, k, $4 FROM unnest($1::text[], $3::text[]) AS x(d, k)
       ON CONFLICT DO NOTHING`,
      [digests.map((d) => d.digest), subjectId, digests.map((d) => d.kind), this.index.keyId],
    );
  }
}
