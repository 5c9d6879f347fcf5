import { Injectable } from '@nestjs/common';
import { Decider, DomainEvent } from '@sportello/decider';
import { Projection } from '@sportello/eventstore';

/** What time travel needs of a decider: its fold. */
export type FoldingDecider = Pick<
  Decider<unknown, DomainEvent, unknown>,
  'initialState' | 'evolve'
>;

/** One kind of ticket stream: every stream named `<prefix><id>` folds with `decider`. */
export interface AuditedStreamKind {
  kind: string;
  streamPrefix: string;
  decider: FoldingDecider;
}

/** What a ticket module makes known to the auditors. */
export interface AuditRegistration {
  streams?: AuditedStreamKind[];
  /** Read models rebuilt and compared from the log (never an outbox or a queue). */
  projections?: Projection[];
}

/**
 * Ticket modules register here, at start, each kind of stream they write (with the decider
 * that folds it) and each read model they keep; the audit features ask it.
 */
@Injectable()
export class AuditCatalog {
  private readonly streams = new Map<string, AuditedStreamKind>();
  private readonly readModels = new Map<string, Projection>();

  register(registration: AuditRegistration): this {
    for (const kind of registration.streams ?? []) {
      const existing = this.streams.get(kind.streamPrefix);
      if (existing && existing.decider !== kind.decider)
        throw new Error(`Stream prefix ${kind.streamPrefix} is registered twice for audit`);
      this.streams.set(kind.streamPrefix, kind);
    }
    for (const projection of registration.projections ?? []) {
      const existing = this.readModels.get(projection.name);
      if (existing && existing !== projection)
        throw new Error(`Projection ${projection.name} is registered twice for audit`);
      this.readModels.set(projection.name, projection);
    }
    return this;
  }

  /** The kind whose prefix is the longest one the stream starts with, or null. */
  kindOf(stream: string): AuditedStreamKind | null {
    let found: AuditedStreamKind | null = null;
    for (const kind of this.streams.values())
      if (stream.startsWith(kind.streamPrefix) && stream.length > kind.streamPrefix.length)
        if (!found || kind.streamPrefix.length > found.streamPrefix.length) found = kind;
    return found;
  }

  streamKinds(): AuditedStreamKind[] {
    return [...this.streams.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  projections(): Projection[] {
    return [...this.readModels.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  projection(name: string): Projection | null {
    return this.readModels.get(name) ?? null;
  }

  /** Names only, to compare two catalogs (e.g. the CLI's with the application's). */
  describe(): { streams: { kind: string; streamPrefix: string }[]; projections: string[] } {
    return {
      streams: this.streamKinds().map(({ kind, streamPrefix }) => ({ kind, streamPrefix })),
      projections: this.projections().map((p) => p.name),
    };
  }
}
