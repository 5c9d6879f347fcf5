import { randomInt } from 'node:crypto';
import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE = /^RC-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/;

export function isTrackingCode(value: string): boolean {
  return CODE.test(value);
}

function randomCode(year: number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `RC-${year}-${body}`;
}

/**
 * CMP-2: a unique, human-readable reference for every complaint. Reserved in a table before the
 * complaint is filed, so two complaints can never share one, and a retried filing gets the same.
 */
export class TrackingCodes {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.complaint_tracking_codes (
        tracking_code text PRIMARY KEY,
        complaint_id  uuid NOT NULL UNIQUE
      );`);
  }

  async reserve(complaintId: string, year: number): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await this.db.query<{ tracking_code: string }>(
        `INSERT INTO ${this.schema}.complaint_tracking_codes (tracking_code, complaint_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING tracking_code`,
        [randomCode(year), complaintId],
      );
      if (rows.length) return rows[0].tracking_code;
      const existing = await this.codeOf(complaintId);
      if (existing) return existing;
    }
    throw new Error('Could not reserve a unique tracking code');
  }

  async codeOf(complaintId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ tracking_code: string }>(
      `SELECT tracking_code FROM ${this.schema}.complaint_tracking_codes WHERE complaint_id = $1`,
      [complaintId],
    );
    return rows[0]?.tracking_code ?? null;
  }

  async complaintOf(trackingCode: string): Promise<string | null> {
    const { rows } = await this.db.query<{ complaint_id: string }>(
      `SELECT complaint_id::text AS complaint_id FROM ${this.schema}.complaint_tracking_codes WHERE tracking_code = $1`,
      [trackingCode.toUpperCase()],
    );
    return rows[0]?.complaint_id ?? null;
  }
}
