import { NotFound } from '@sportello/decider';
import {
  liveTables,
  primaryKeyOf,
  SealingEventStore,
  SqlExecutor,
  StoredEvent,
  withProjectionAsOf,
} from '@sportello/eventstore';
import { AuditCatalog } from '../catalog/audit-catalog';
import { AuditedEvent, AuditLog, AuditView } from '../replaying/audit-log';

/** A ticket as it was: folded by its decider from the events recorded up to the instant. */
export interface TicketAsOf {
  stream: string;
  kind: string;
  at: string | null;
  upToRevision: number | null;
  /** The last event folded, or null when the ticket did not exist yet. */
  lastEvent: { revision: number; id: string; type: string; recordedAt: string } | null;
  eventsFolded: number;
  state: unknown;
  masked: string[];
  erased: string[];
}

export interface RowAsOf {
  projection: string;
  table: string;
  key: Record<string, string>;
  at: string;
  eventsFolded: number;
  row: Record<string, unknown> | null;
}

/** The stream or the key does not fit what the catalog and the read model declare. */
export class TimeTravelInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TimeTravelInputError';
  }
}

const recordedAt = (event: StoredEvent) => String(event.metadata.recordedAt);

/**
 * Time travel, by recorded time, always folded from the log (never from snapshots): a ticket
 * through its decider, a read-model row through its projection into throw-away tables.
 */
export class TimeTravel {
  constructor(
    private readonly log: AuditLog,
    private readonly catalog: AuditCatalog,
    private readonly db: SqlExecutor,
    private readonly store: SealingEventStore,
    private readonly schema: string,
  ) {}

  async ticketAsOf(
    stream: string,
    point: { at?: Date; revision?: number },
    view: AuditView,
  ): Promise<TicketAsOf> {
    const kind = this.catalog.kindOf(stream);
    if (!kind)
      throw new TimeTravelInputError('stream', 'No ticket kind is registered for this stream');
    const at = point.at?.getTime() ?? Number.POSITIVE_INFINITY;
    const chosen: StoredEvent[] = [];
    let seen = 0;
    for await (const page of this.log.wholeStream(stream)) {
      seen += page.length;
      for (const event of page)
        if (Date.parse(recordedAt(event)) <= at && event.revision <= (point.revision ?? Infinity))
          chosen.push(event);
    }
    if (seen === 0) throw new NotFound('Stream', stream);
    const last = chosen[chosen.length - 1];
    const shown: AuditedEvent[] = await this.log.present(chosen, view, {
      kind: 'as-of',
      stream,
      at: point.at?.toISOString() ?? null,
      revision: last?.revision ?? -1,
    });
    let state = kind.decider.initialState();
    for (const event of shown) {
      const meta = event.metadata as { occurredAt: string; recordedAt: string; actor: never };
      state = kind.decider.evolve(state, {
        type: event.type,
        data: event.data,
        metadata: { occurredAt: meta.occurredAt, recordedAt: meta.recordedAt, actor: meta.actor },
      });
    }
    return {
      stream,
      kind: kind.kind,
      at: point.at?.toISOString() ?? null,
      upToRevision: point.revision ?? null,
      lastEvent: last
        ? { revision: last.revision, id: last.id, type: last.type, recordedAt: recordedAt(last) }
        : null,
      eventsFolded: shown.length,
      state,
      masked: [...new Set(shown.flatMap((e) => e.masked))].sort(),
      erased: [...new Set(shown.flatMap((e) => e.erased))].sort(),
    };
  }

  async rowAsOf(projectionName: string, table: string, key: string[], at: Date): Promise<RowAsOf> {
    const projection = this.catalog.projection(projectionName);
    if (!projection) throw new NotFound('Read model', projectionName);
    if (!projection.tables.includes(table)) throw new NotFound('Table', table);
    const primaryKey = await primaryKeyOf(this.db, liveTables(this.schema, projection)[table]);
    if (primaryKey.length === 0 || primaryKey.length !== key.length)
      throw new TimeTravelInputError(
        'key',
        `The key of ${table} has ${primaryKey.length} column(s): ${primaryKey.join(', ')}`,
      );
    const where = primaryKey.map((column, i) => `r."${column}"::text = $${i + 1}`).join(' AND ');
    return withProjectionAsOf(
      this.db,
      this.store,
      projection,
      { schema: this.schema, at },
      async (tables, applied) => {
        const { rows } = await this.db.query<{ row: Record<string, unknown> }>(
          `SELECT to_jsonb(r.*) AS row FROM ${tables[table]} r WHERE ${where}`,
          key,
        );
        return {
          projection: projection.name,
          table,
          key: Object.fromEntries(primaryKey.map((column, i) => [column, key[i]])),
          at: at.toISOString(),
          eventsFolded: applied,
          row: rows[0]?.row ?? null,
        };
      },
    );
  }
}
