import { RecordedEvent } from '@sportello/eventstore';

/** A timeline entry: what happened, when, by whom; the data as the reader may see it. */
export interface TimelineEntry {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  data: unknown;
  masked: string[];
}

export function toTimeline(events: RecordedEvent[]): TimelineEntry[] {
  return events.map((e) => ({
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    data: e.data,
    masked: e.masked,
  }));
}
