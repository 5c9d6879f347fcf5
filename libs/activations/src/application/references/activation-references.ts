import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACTIVATION_REFERENCE = /^AT-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;
/** What a client may send where a reference is expected (checked again against the table). */
export const ACTIVATION_REFERENCE_INPUT = /^AT-\d{4}-[0-9A-Za-z]{8}$/;

function randomReference(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `AT-${year}-${body}`;
}

/**
 * A unique, human-readable reference for every activation or relocation request
 * (`AT-2026-7K4M9QX2`), to give the customer. Reserved before the request is recorded, so two
 * requests never share one; the reference is then carried by `ActivationRequested`.
 */
export class ActivationReferences {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.activation_references (
        reference     text PRIMARY KEY,
        activation_id uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(activationId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ reference: string }>(
        `INSERT INTO ${this.schema}.activation_references (reference, activation_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING reference`,
        [randomReference(year), activationId],
      );
      if (rows.length) return rows[0].reference;
      const existing = await this.referenceOf(activationId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique activation reference');
  }

  async referenceOf(activationId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      `SELECT reference FROM ${this.schema}.activation_references WHERE activation_id = $1`,
      [activationId],
    );
    return rows[0]?.reference ?? null;
  }

  async activationOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ activation_id: string }>(
      `SELECT activation_id::text AS activation_id FROM ${this.schema}.activation_references WHERE reference = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.activation_id ?? null;
  }
}
