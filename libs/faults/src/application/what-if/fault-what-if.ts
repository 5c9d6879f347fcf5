import { assertSchemaName, CommandHandler, SqlExecutor } from '@sportello/eventstore';
import { ProblemException } from '@sportello/platform';
import {
  OperatorPolicy,
  policyStart,
  WhatIfContributor,
  WhatIfFigures,
  WhatIfPage,
  WhatIfTicket,
} from '@sportello/policies';
import { faultDecider } from '../../domain/fault.decider';
import { faultFigures } from '../../policies/catalog-fault-policies';
import { FaultPolicies } from '../fault-policies.port';
import { faultStream } from '../fault-streams';
import { FaultFigures, faultUnderPolicy, indemnityCeilingCents } from './fault-under-policy';

function asWhatIf(figures: FaultFigures): WhatIfFigures {
  const i = figures.indemnity;
  return {
    policyVersion: figures.policyVersion,
    dueAt: figures.repairDue.dueAt,
    dueDate: figures.repairDue.dueDate,
    explanation: figures.repairDue.summary,
    indemnity: {
      status: figures.basis === 'accruing' && i.amountCents > 0 ? 'accruing' : i.status,
      daysLate: i.daysOfDelay,
      amountCents: i.amountCents,
      capCents: indemnityCeilingCents(i) ?? 0,
      dailyCents: i.dailyCents,
      clause: i.clause,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Re-judges the operator's open and restored faults under a candidate version; reads only. */
export class FaultWhatIf implements WhatIfContributor {
  readonly ticketKind = 'fault';

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly handler: CommandHandler,
    private readonly policies: FaultPolicies,
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
    const candidateFigures = faultFigures(candidate);
    if (!candidateFigures)
      throw ProblemException.validation([
        { field: 'policy.faults', reason: 'the candidate sets no fault figures' },
      ]);
    const { rows } = await this.db.query<{ fault_id: string }>(
      `SELECT fault_id FROM ${this.schema}.faults
        WHERE operator = $1 AND status IN ('open', 'restored') AND ($2::uuid IS NULL OR fault_id > $2::uuid)
        ORDER BY fault_id LIMIT $3`,
      [candidate.operator, options.cursor, options.limit + 1],
    );
    const ids = rows.slice(0, options.limit).map((r) => r.fault_id);
    const now = options.now.toISOString();
    const tickets: WhatIfTicket[] = [];
    for (const id of ids) {
      const { state } = await this.handler.load(faultDecider, faultStream(id));
      if (state.status === 'none' || state.status === 'closed') continue;
      const pinned = this.policies.byVersion(state.policyVersion);
      if (!pinned) continue;
      const current = asWhatIf(faultUnderPolicy(state, pinned, now));
      const underCandidate = asWhatIf(faultUnderPolicy(state, candidateFigures, now));
      tickets.push({
        ticketKind: this.ticketKind,
        ticketId: id,
        reference: state.reference,
        candidateWouldApply: policyStart(candidate) <= Date.parse(state.reportedAt),
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
