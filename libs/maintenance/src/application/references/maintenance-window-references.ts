import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const MAINTENANCE_REFERENCE = /^MW-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;
/** What a client may send where a reference is expected (checked again against the table). */
export const MAINTENANCE_REFERENCE_INPUT = /^MW-\d{4}-[0-9A-Za-z]{8}$/;

function randomReference(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `MW-${year}-${body}`;
}

/**
 * A unique, human-readable reference for every maintenance window
 * (`MW-2026-7K4M9QX2`), quoted in notices and disputes. Reserved before the window is registered,
 * so two windows never share one; the reference is then carried by `MaintenanceWindowRegistered`.
 */
export class MaintenanceWindowReferences {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.maintenance_window_references (
        reference text PRIMARY KEY,
        window_id uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(windowId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ reference: string }>(
        `INSERT INTO ${this.schema}.maintenance_window_references (reference, window_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING reference`,
        [randomReference(year), windowId],
      );
      if (rows.length) return rows[0].reference;
      const existing = await this.referenceOf(windowId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique maintenance window reference');
  }

  async referenceOf(windowId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      `SELECT reference FROM ${this.schema}.maintenance_window_references WHERE window_id = $1`,
      [windowId],
    );
    return rows[0]?.reference ?? null;
  }

  async windowOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ window_id: string }>(
      `SELECT window_id::text AS window_id FROM ${this.schema}.maintenance_window_references WHERE reference = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.window_id ?? null;
  }
}
