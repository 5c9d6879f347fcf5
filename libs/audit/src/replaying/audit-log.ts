import {
  Checkpoint,
  EventSchemaRegistry,
  EventStorage,
  RecordedEvent,
  StoredEvent,
} from '@sportello/eventstore';
import { RecordPersonalDataAccess } from '../domain/personal-data-access.commands';
import { AccessScope } from '../domain/personal-data-access.events';
import { ErasureLookup } from './erasure-lookup';
import { maskSealed, sealedSubjects } from './masking';

/** An event as the auditor sees it: the stored facts, its chain link, and what is hidden. */
export interface AuditedEvent {
  position: Checkpoint;
  stream: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  storedSchemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** Paths of personal fields shown as `[masked]`. */
  masked: string[];
  /** Paths of personal fields whose subject was erased (`[erased]`). */
  erased: string[];
}

/** Records the access (and refuses it when the rule says no) before anything is shown. */
export type AccessRecorder = (
  command: Omit<RecordPersonalDataAccess, 'type' | 'accessId'>,
) => Promise<void>;

/** PRV-1: masked by default; in clear only with a reason, recorded first. */
export type AuditView =
  { kind: 'masked' } | { kind: 'unmasked'; reason: string; record: AccessRecorder };

/** Opens sealed fields with the subjects' keys (the sealing store). */
export interface EventOpener {
  open(event: StoredEvent): Promise<RecordedEvent>;
}

export class UnmaskingUnavailableError extends Error {
  constructor() {
    super('Personal data cannot be shown in clear here: no key vault is configured');
    this.name = 'UnmaskingUnavailableError';
  }
}

export const MAX_PAGE = 1_000;

/**
 * Replay for auditors: any stream or the global log, paged, with every event's metadata and
 * chain link; personal fields masked unless the view unmasks them.
 */
export class AuditLog {
  constructor(
    readonly storage: EventStorage,
    private readonly registry: EventSchemaRegistry,
    private readonly erasures: ErasureLookup,
    private readonly opener: EventOpener | null,
  ) {}

  async readStream(
    stream: string,
    page: { fromRevision?: number; limit?: number },
    view: AuditView,
  ): Promise<{ stream: string; events: AuditedEvent[]; nextRevision: number | null }> {
    const limit = Math.min(page.limit ?? 100, MAX_PAGE);
    const stored = await this.storage.readStream(stream, {
      direction: 'forwards',
      fromRevision: page.fromRevision ?? 0,
      maxCount: limit + 1,
    });
    const shown = stored.slice(0, limit);
    const scope: AccessScope = {
      kind: 'stream',
      stream,
      fromRevision: shown[0]?.revision ?? page.fromRevision ?? 0,
      toRevision: shown[shown.length - 1]?.revision ?? page.fromRevision ?? 0,
    };
    return {
      stream,
      events: await this.present(shown, view, scope),
      nextRevision: stored.length > limit ? stored[limit].revision : null,
    };
  }

  async readLog(
    page: { after?: Checkpoint | null; limit?: number },
    view: AuditView,
  ): Promise<{ events: AuditedEvent[]; checkpoint: Checkpoint | null; hasMore: boolean }> {
    const limit = Math.min(page.limit ?? 100, MAX_PAGE);
    const read = await this.storage.readAll(page.after ?? null, limit);
    const scope: AccessScope = {
      kind: 'log',
      after: page.after ?? null,
      through: read.checkpoint ?? '',
    };
    return {
      events: await this.present(read.events, view, scope),
      checkpoint: read.checkpoint,
      hasMore: read.events.length === limit,
    };
  }

  /** Every event of a stream, in order, in pages, for a fold. */
  async *wholeStream(stream: string): AsyncIterable<StoredEvent[]> {
    for (let from = 0; ;) {
      const page = await this.storage.readStream(stream, {
        direction: 'forwards',
        fromRevision: from,
        maxCount: MAX_PAGE,
      });
      if (page.length) yield page;
      if (page.length < MAX_PAGE) return;
      from = page[page.length - 1].revision + 1;
    }
  }

  /** Shows stored events through the view; an unmasked view records the access first. */
  async present(
    events: StoredEvent[],
    view: AuditView,
    scope: AccessScope,
  ): Promise<AuditedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) sealedSubjects(event.data, subjects);
    const erased = await this.erasures.erasedAmong([...subjects]);
    if (view.kind === 'masked') return events.map((event) => this.masked(event, erased));

    if (!this.opener) throw new UnmaskingUnavailableError();
    await view.record({
      reason: view.reason,
      scope,
      subjectIds: [...subjects].filter((subject) => !erased.has(subject)),
      eventIds: events.filter((event) => sealedSubjects(event.data).size).map((e) => e.id),
    });
    const opener = this.opener;
    return Promise.all(
      events.map(async (event) => {
        const opened = await opener.open(event);
        return {
          ...this.base(event),
          schemaVersion: opened.schemaVersion,
          data: opened.data,
          masked: [],
          erased: opened.masked,
        };
      }),
    );
  }

  private masked(event: StoredEvent, erasedSubjects: Set<string>): AuditedEvent {
    const { data, masked, erased } = maskSealed(event.data, erasedSubjects);
    let schemaVersion = event.schemaVersion;
    let shown = data;
    try {
      const upcast = this.registry.upcast(event.type, event.schemaVersion, data);
      schemaVersion = upcast.version;
      shown = upcast.data;
    } catch {
      // An upcaster written for clear data may not read masked values: show the stored form.
    }
    return { ...this.base(event), schemaVersion, data: shown, masked, erased };
  }

  private base(event: StoredEvent): Omit<AuditedEvent, 'data' | 'masked' | 'erased'> {
    return {
      position: event.position,
      stream: event.stream,
      revision: event.revision,
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      storedSchemaVersion: event.schemaVersion,
      metadata: event.metadata,
      prevHash: event.prevHash,
      hash: event.hash,
    };
  }
}
