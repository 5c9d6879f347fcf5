import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent } from '@sportello/eventstore';
import { v5 as uuidv5 } from 'uuid';
import {
  ASSESSMENT_TRIGGERS,
  assessmentsFor,
  PinnedPolicies,
  StreamEvent,
} from '../../domain/assessing/assessments-from-stream';
import { IndemnityType } from '../../domain/indemnity.events';

export const INDEMNITY_ASSESSMENT_REACTOR = 'indemnity-assessment-reactor';

const ACTOR = { id: `system:${INDEMNITY_ASSESSMENT_REACTOR}`, role: 'system' };
/** Fixed namespace of the assessment ids (UUID v5): the same trigger gives the same id. */
const ASSESSMENT_NAMESPACE = '3f0b6a52-8d5e-4c1e-9b4a-6a2f1d7c9e10';

export function assessmentId(
  stream: string,
  source: Pick<StreamEvent, 'id'>,
  indemnityType: IndemnityType,
  party: string | null,
): string {
  return uuidv5(`${stream}|${source.id}|${indemnityType}|${party ?? ''}`, ASSESSMENT_NAMESPACE);
}

/**
 * IND-12: when a ticket's obligation is fulfilled (its own assessment event, or a complaint's
 * answer or withdrawal), appends `IndemnityAssessed` with every input to the ticket's stream.
 * The event ids are derived from the trigger, so a replay or a second worker appends nothing.
 */
export class IndemnityAssessmentReactor {
  private readonly logger = new Logger(IndemnityAssessmentReactor.name);

  constructor(
    private readonly store: EventStore,
    private readonly policies: PinnedPolicies,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (!ASSESSMENT_TRIGGERS.has(event.type)) return;
    const events: StreamEvent[] = (await this.store.readStream(event.stream)).map((e) => ({
      id: e.id,
      revision: e.revision,
      type: e.type,
      data: e.data,
      occurredAt: e.metadata.occurredAt,
    }));
    const trigger = events.find((e) => e.id === event.id);
    if (!trigger) return;
    const lines = assessmentsFor(
      event.stream,
      events,
      trigger,
      this.policies,
      (source, type, party) => assessmentId(event.stream, source, type, party),
    );
    if (lines.length === 0) return;
    for (const line of lines) {
      if (
        line.source.amountCents !== null &&
        line.source.amountCents !== line.figures.creditedCents
      )
        this.logger.warn(
          {
            stream: event.stream,
            type: line.indemnityType,
            ledger: line.figures.creditedCents,
            ticket: line.source.amountCents,
          },
          'The ledger figure differs from the ticket domain figure',
        );
    }
    await this.store.append(
      event.stream,
      lines.map((data) => ({
        id: data.assessmentId,
        type: 'IndemnityAssessed',
        data,
        metadata: {
          occurredAt: event.metadata.occurredAt,
          actor: ACTOR,
          correlationId: event.metadata.correlationId,
          causationId: event.id,
          subjectIds: data.subjectId ? [data.subjectId] : [],
          policyVersion: data.policyVersion,
        },
      })),
      'any',
    );
  }
}
