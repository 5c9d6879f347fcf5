import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** `length` random characters of Crockford's base32. */
export function randomCrockford(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CROCKFORD_BASE32[randomInt(CROCKFORD_BASE32.length)];
  return code;
}

/** A well-formed reference with this prefix, as issued (`GU-2026-7K4M9QX2`). */
export function referencePattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-\\d{4}-[0-9A-HJKMNP-TV-Z]{8}$`);
}

/** What a client may send where a reference is expected (checked again against the table). */
export function referenceInputPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-\\d{4}-[0-9A-Za-z]{8}$`);
}

export interface ReferenceCodesOptions {
  /** `GU` in `GU-2026-7K4M9QX2`. */
  readonly prefix: string;
  readonly table: string;
  /** The ticket's id column (uuid). */
  readonly idColumn: string;
  /** The reference column; `reference` unless said. */
  readonly codeColumn?: string;
  /** What the error calls a reference when none could be reserved: `fault reference`. */
  readonly noun: string;
}

/**
 * A unique, human-readable reference per ticket (`<prefix>-<year>-<8 × base32>`), to give the
 * customer. Reserved in a table before the ticket is recorded, so two tickets never share one,
 * and a retried request gets the same.
 */
export class ReferenceCodes {
  readonly pattern: RegExp;
  readonly inputPattern: RegExp;
  private readonly table: string;
  private readonly id: string;
  private readonly code: string;

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly options: ReferenceCodesOptions,
  ) {
    assertSchemaName(schema);
    const { prefix, table, idColumn, codeColumn = 'reference' } = options;
    if (!/^[A-Z]{2,4}$/.test(prefix)) throw new Error(`Invalid reference prefix: ${prefix}`);
    for (const name of [table, idColumn, codeColumn]) {
      if (!IDENTIFIER.test(name)) throw new Error(`Invalid identifier: ${JSON.stringify(name)}`);
    }
    this.table = `${schema}.${table}`;
    this.id = idColumn;
    this.code = codeColumn;
    this.pattern = referencePattern(prefix);
    this.inputPattern = referenceInputPattern(prefix);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.table} (
        ${this.code} text PRIMARY KEY,
        ${this.id} uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(ticketId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ code: string }>(
        `INSERT INTO ${this.table} (${this.code}, ${this.id}) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING ${this.code} AS code`,
        [`${this.options.prefix}-${year}-${randomCrockford(8)}`, ticketId],
      );
      if (rows.length) return rows[0].code;
      const existing = await this.referenceOf(ticketId);
      if (existing) return existing;
    }
    throw new Error(`Could not reserve a unique ${this.options.noun}`);
  }

  async referenceOf(ticketId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ code: string }>(
      `SELECT ${this.code} AS code FROM ${this.table} WHERE ${this.id} = $1`,
      [ticketId],
    );
    return rows[0]?.code ?? null;
  }

  /** The ticket a reference names, whatever its letter case. */
  async ticketOf(reference: string): Promise<string | null> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT ${this.id}::text AS id FROM ${this.table} WHERE ${this.code} = $1`,
      [reference.toUpperCase()],
    );
    return rows[0]?.id ?? null;
  }
}
