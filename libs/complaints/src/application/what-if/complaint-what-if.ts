import { assertSchemaName, CommandHandler, SqlExecutor } from '@sportello/eventstore';
import { ProblemException } from '@sportello/platform';
import {
  OperatorPolicy,
  policyStart,
  WhatIfContributor,
  WhatIfFigures,
  WhatIfPage,
} from '@sportello/policies';
import { ComplaintPolicies } from '../complaint-policies.port';
import { complaintStream } from '../deadlines/complaint-answer-deadline';
import { complaintDecider } from '../../domain/complaint.decider';
import { ComplaintFigures, complaintUnderPolicy } from '../../domain/complaint-what-if';
import { complaintFigures } from '../../policies/catalog-complaint-policies';

function asWhatIf(figures: ComplaintFigures): WhatIfFigures {
  const i = figures.indemnity;
  return {
    policyVersion: figures.policyVersion,
    dueAt: figures.answerDueAt,
    dueDate: figures.dueDate,
    explanation:
      figures.dueBecause === 'complexity notice'
        ? 'the date communicated in a timely complexity notice (CMP-7)'
        : `answer term of the policy (CMP-5)`,
    indemnity: {
      status: i.status,
      daysLate: i.daysLate,
      amountCents: i.amountCents,
      capCents: i.capCents,
      dailyCents: i.dailyCents,
      clause: i.clause,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Re-judges the operator's open complaints under a candidate version; reads only. */
export class ComplaintWhatIf implements WhatIfContributor {
  readonly ticketKind = 'complaint';

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly handler: CommandHandler,
    private readonly policies: ComplaintPolicies,
  ) {
    assertSchemaName(schema);
  }

  async evaluate(
    candidate: OperatorPolicy,
    options: { now: Date; limit: number; cursor: string | null },
  ): Promise<WhatIfPage> {
    if (options.cursor !== null && !UUID.test(options.cursor))
      throw ProblemException.validation([
        { field: 'cursor', reason: 'must be a cursor this API returned' },
      ]);
    const { rows } = await this.db.query<{ complaint_id: string }>(
      `SELECT complaint_id FROM ${this.schema}.complaints
        WHERE operator = $1 AND status = 'open' AND ($2::uuid IS NULL OR complaint_id > $2::uuid)
        ORDER BY complaint_id LIMIT $3`,
      [candidate.operator, options.cursor, options.limit + 1],
    );
    const ids = rows.slice(0, options.limit).map((r) => r.complaint_id);
    const now = options.now.toISOString();
    const candidateFigures = complaintFigures(candidate);
    const tickets = [];
    for (const id of ids) {
      const { state } = await this.handler.load(complaintDecider, complaintStream(id));
      if (state.status !== 'open') continue;
      const pinned = this.policies.byVersion(state.policyVersion);
      if (!pinned) continue;
      const current = asWhatIf(complaintUnderPolicy(state, pinned, now));
      const underCandidate = asWhatIf(complaintUnderPolicy(state, candidateFigures, now));
      tickets.push({
        ticketKind: this.ticketKind,
        ticketId: id,
        reference: state.trackingCode,
        candidateWouldApply: policyStart(candidate) <= Date.parse(state.receivedAt),
        current,
        candidate: underCandidate,
        changed:
          current.dueAt !== underCandidate.dueAt ||
          current.indemnity.amountCents !== underCandidate.indemnity.amountCents,
      });
    }
    return { tickets, nextCursor: rows.length > options.limit ? ids[ids.length - 1] : null };
  }
}
