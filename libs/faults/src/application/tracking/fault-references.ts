import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FAULT_REFERENCE = /^GU-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;

export function isFaultReference(value: string): boolean {
  return FAULT_REFERENCE.test(value);
}

function randomReference(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `GU-${year}-${body}`;
}

/**
 * A unique, human-readable reference for every fault report (`GU-2026-7K4M9QX2`), to give the
 * customer. Reserved in a table before the fault is reported, so two faults never share one, and
 * a retried report gets the same.
 */
export class FaultReferences {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.fault_references (
        reference text PRIMARY KEY,
        fault_id  uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(faultId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ reference: string }>(
        `INSERT INTO ${this.schema}.fault_references (reference, fault_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING reference`,
        [randomReference(year), faultId],
      );
      if (rows.length) return rows[0].reference;
      const existing = await this.referenceOf(faultId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique fault reference');
  }

  async referenceOf(faultId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      `SELECT reference FROM ${this.schema}.fault_references WHERE fault_id = $1`,
      [faultId],
    );
    return rows[0]?.reference ?? null;
  }

  async faultOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ fault_id: string }>(
      `SELECT fault_id::text AS fault_id FROM ${this.schema}.fault_references WHERE reference = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.fault_id ?? null;
  }
}
