import { AssistanceEvent } from './assistance.events';

/**
 * Refusals that are themselves facts (AS-32, AS-33, AS-36, IMP-5): the decider returns the event
 * that records the attempt, the application appends it, then answers with the refusal.
 */
export const RECORDED_REFUSALS = [
  'ImpersonationRefused',
  'ImpersonationActionBlocked',
  'ImpersonationTokenRefused',
  'ProhibitedDataRequestBlocked',
] as const satisfies readonly AssistanceEvent['type'][];

export type RecordedRefusalEvent = Extract<
  AssistanceEvent,
  { type: (typeof RECORDED_REFUSALS)[number] }
>;

export function recordedRefusalOf(events: readonly AssistanceEvent[]): RecordedRefusalEvent | null {
  return (
    (events.find((e) => (RECORDED_REFUSALS as readonly string[]).includes(e.type)) as
      RecordedRefusalEvent | undefined) ?? null
  );
}
