import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DIRECTORY_ERROR_REFERENCE = /^DE-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;
/** What a client may send where a reference is expected (checked again against the table). */
export const DIRECTORY_ERROR_REFERENCE_INPUT = /^DE-\d{4}-[0-9A-Za-z]{8}$/;

function randomReference(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `DE-${year}-${body}`;
}

/**
 * A unique, human-readable reference for every directory-error ticket (`DE-2026-7K4M9QX2`), to
 * give the customer. Reserved before the error is recorded, so two tickets never share one; the
 * reference is then carried by `DirectoryErrorReported`.
 */
export class DirectoryErrorReferences {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.directory_error_references (
        reference text PRIMARY KEY,
        error_id uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(errorId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ reference: string }>(
        `INSERT INTO ${this.schema}.directory_error_references (reference, error_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING reference`,
        [randomReference(year), errorId],
      );
      if (rows.length) return rows[0].reference;
      const existing = await this.referenceOf(errorId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique directory error reference');
  }

  async referenceOf(errorId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      `SELECT reference FROM ${this.schema}.directory_error_references WHERE error_id = $1`,
      [errorId],
    );
    return rows[0]?.reference ?? null;
  }

  async errorOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ error_id: string }>(
      `SELECT error_id::text AS error_id FROM ${this.schema}.directory_error_references WHERE reference = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.error_id ?? null;
  }
}
