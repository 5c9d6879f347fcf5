import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a reference read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ASSISTANCE_REFERENCE = /^AS-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;

export function isAssistanceReference(value: string): boolean {
  return ASSISTANCE_REFERENCE.test(value);
}

function randomReference(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `AS-${year}-${body}`;
}

/**
 * A unique, human-readable reference for every assistance ticket (`AS-2026-7K4M9QX2`), to give
 * the customer. Reserved in a table before the ticket is opened, so two tickets never share one.
 */
export class AssistanceReferences {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.assistance_references (
        reference text PRIMARY KEY,
        ticket_id  uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(ticketId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ reference: string }>(
        `INSERT INTO ${this.schema}.assistance_references (reference, ticket_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING reference`,
        [randomReference(year), ticketId],
      );
      if (rows.length) return rows[0].reference;
      const existing = await this.referenceOf(ticketId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique assistance reference');
  }

  async referenceOf(ticketId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ reference: string }>(
      `SELECT reference FROM ${this.schema}.assistance_references WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows[0]?.reference ?? null;
  }

  async ticketOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ ticket_id: string }>(
      `SELECT ticket_id::text AS ticket_id FROM ${this.schema}.assistance_references WHERE reference = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.ticket_id ?? null;
  }
}
