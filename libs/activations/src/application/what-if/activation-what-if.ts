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
import { activationDecider } from '../../domain/activation.decider';
import { ActivationRequested } from '../../domain/activation.events';
import { activationFigures } from '../../policies/catalog-activation-policies';
import { ActivationPolicies } from '../activation-policies.port';
import { activationStream } from '../activation-streams';
import {
  ActivationFigures,
  activationUnderPolicy,
  contractualCeilingCents,
} from './activation-under-policy';

function asWhatIf(figures: ActivationFigures): WhatIfFigures {
  const i = figures.indemnity;
  return {
    policyVersion: figures.policyVersion,
    dueAt: figures.deadline.dueAt,
    dueDate: figures.deadline.dueDate,
    explanation: figures.deadline.summary,
    indemnity: {
      status:
        i === null
          ? 'none'
          : figures.basis === 'accruing' && i.status !== 'none'
            ? 'accruing'
            : i.status,
      daysLate: i?.daysOfDelay ?? 0,
      amountCents: i?.credit.amountCents ?? 0,
      capCents: i ? (contractualCeilingCents(i) ?? 0) : 0,
      dailyCents: i?.contractual.dailyCents ?? 0,
      clause: i?.contractual.clause ?? figures.deadline.summary,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Re-judges the operator's pending activation and relocation requests under a candidate
 * version: deadlines and indemnities (contractual and regulatory, AMB-17); reads only. */
export class ActivationWhatIf implements WhatIfContributor {
  readonly ticketKind = 'activation';

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly handler: CommandHandler,
    private readonly policies: ActivationPolicies,
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
    const candidateFigures = activationFigures(candidate);
    if (!candidateFigures)
      throw ProblemException.validation([
        { field: 'policy.activation', reason: 'the candidate sets no activation figures' },
      ]);
    const { rows } = await this.db.query<{ activation_id: string }>(
      `SELECT activation_id FROM ${this.schema}.activations
        WHERE operator = $1 AND status = 'requested' AND ($2::uuid IS NULL OR activation_id > $2::uuid)
        ORDER BY activation_id LIMIT $3`,
      [candidate.operator, options.cursor, options.limit + 1],
    );
    const ids = rows.slice(0, options.limit).map((r) => r.activation_id);
    const now = options.now.toISOString();
    const tickets: WhatIfTicket[] = [];
    for (const id of ids) {
      const { state, events } = await this.handler.load(activationDecider, activationStream(id));
      if (state.status !== 'requested') continue;
      const pinned = this.policies.byVersion(state.policyVersion);
      if (!pinned) continue;
      const requested = events[0].data as ActivationRequested['data'];
      const current = asWhatIf(activationUnderPolicy(state, requested, pinned, now));
      const underCandidate = asWhatIf(
        activationUnderPolicy(state, requested, candidateFigures, now),
      );
      tickets.push({
        ticketKind: this.ticketKind,
        ticketId: id,
        reference: state.reference,
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
