import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

/** Which subjects were erased (key destroyed), asked once per page, without reading any key. */
export interface ErasureLookup {
  erasedAmong(subjectIds: string[]): Promise<Set<string>>;
}

export class SqlErasureLookup implements ErasureLookup {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async erasedAmong(subjectIds: string[]): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    const { rows } = await this.db.query<{ subject_id: string }>(
      `SELECT subject_id FROM ${this.schema}.subject_keys
        WHERE subject_id = ANY ($1::text[]) AND wrapped_key IS NULL`,
      [subjectIds],
    );
    return new Set(rows.map((row) => row.subject_id));
  }
}
