import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import { romeDateOf } from '@sportello/sla';
import { IndemnityType, LedgerEvent } from './indemnity.events';
import {
  evolveLedger,
  initialLedgerState,
  LedgerLineState,
  ledgerLineKey,
  LedgerState,
  payableOfLine,
  statusOfLine,
} from './ledger.state';

/** IND-11, IND-12: a supervisor records that a line was credited on an invoice. */
export interface CreditIndemnity {
  type: 'CreditIndemnity';
  indemnityType: IndemnityType;
  party: string | null;
  invoiceNumber: string;
  /** A calendar date (Europe/Rome). */
  invoiceIssuedOn: string;
}

/** IND-2, AMB-11: a supervisor assesses the supplement beyond the automatic day cap. */
export interface DecideSupplementaryIndemnity {
  type: 'DecideSupplementaryIndemnity';
  indemnityType: IndemnityType;
  party: string | null;
  decision: 'granted' | 'refused';
  supplementCents: number;
  reason: string;
}

export type LedgerCommand = CreditIndemnity | DecideSupplementaryIndemnity;

const isSupervisor = (context: DecisionContext) => context.actor.roles.includes('supervisor');

function lineOf(state: LedgerState, indemnityType: IndemnityType, party: string | null) {
  const line = state.lines[ledgerLineKey(indemnityType, party)];
  if (!line) throw new NotFound('Indemnity', ledgerLineKey(indemnityType, party));
  return line;
}

function creditIndemnity(
  command: CreditIndemnity,
  state: LedgerState,
  context: DecisionContext,
): LedgerEvent[] {
  if (!isSupervisor(context))
    throw new RuleViolation('IND-12', 'Only a supervisor records an indemnity credit', {
      field: 'invoiceNumber',
    });
  const line = lineOf(state, command.indemnityType, command.party);
  const { assessed } = line;
  if (line.credit) {
    if (line.credit.invoiceNumber === command.invoiceNumber) return [];
    throw new ConflictingState('This indemnity was already credited on another invoice', {
      invoiceNumber: line.credit.invoiceNumber,
    });
  }
  const status = statusOfLine(line, state.review);
  if (status === 'under_review') {
    const rule = assessed.hold && !state.review ? 'AMB-7' : 'AMB-11';
    throw new ConflictingState(
      rule === 'AMB-7'
        ? "A complex fault's indemnity waits for a supervisor's review"
        : 'The supplementary assessment beyond the day cap is still open',
      { status },
      rule,
    );
  }
  if (status === 'denied')
    throw new RuleViolation('AMB-7', 'The review denied this indemnity: nothing to credit', {
      field: 'indemnityType',
    });
  const amountCents = payableOfLine(line, state.review);
  if (amountCents === 0)
    throw new RuleViolation('IND-12', 'Nothing is owed on this line', { field: 'indemnityType' });
  awaitingClaim(line);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(command.invoiceIssuedOn))
    throw new RuleViolation('IND-11', 'invoiceIssuedOn must be a date YYYY-MM-DD', {
      field: 'invoiceIssuedOn',
    });
  if (command.invoiceIssuedOn > romeDateOf(context.now))
    throw new RuleViolation('IND-11', 'An invoice cannot be issued in the future', {
      field: 'invoiceIssuedOn',
    });
  const after = line.claimedFirstInvoiceAfter ?? assessed.payout.onFirstInvoiceIssuedAfter;
  if (command.invoiceIssuedOn <= after) {
    const automatic = assessed.payout.rules.includes('EXT-IND-1');
    throw new RuleViolation(
      automatic ? 'EXT-IND-1' : 'IND-11',
      `The credit goes on the first invoice issued after ${after}`,
      { field: 'invoiceIssuedOn' },
    );
  }
  return [
    {
      type: 'IndemnityCredited',
      data: {
        ticket: assessed.ticket,
        indemnityType: assessed.indemnityType,
        party: assessed.party,
        subjectId: assessed.subjectId,
        assessedEventId: line.assessedEventId,
        amountCents,
        currency: 'EUR',
        invoiceNumber: command.invoiceNumber,
        invoiceIssuedOn: command.invoiceIssuedOn,
        creditedAt: context.now,
        creditedBy: context.actor.id,
        rules: ['IND-11', 'IND-12', ...assessed.payout.rules.filter((r) => r === 'EXT-IND-1')],
      },
    },
  ];
}

/** IND-4 (on request) and IND-7 (after a written report): nothing is paid before the claim. */
function awaitingClaim(line: LedgerLineState): void {
  const awaits = line.assessed.payout.awaits;
  if (awaits === 'nothing' || line.claimedFirstInvoiceAfter !== null) return;
  throw new RuleViolation(
    awaits === 'written_report' ? 'IND-7' : 'IND-4',
    awaits === 'written_report'
      ? "The indemnity is paid once the customer's written report is recorded"
      : 'The indemnity is paid once the customer asks for it',
    { field: 'indemnityType' },
  );
}

function decideSupplement(
  command: DecideSupplementaryIndemnity,
  state: LedgerState,
  context: DecisionContext,
): LedgerEvent[] {
  if (!isSupervisor(context))
    throw new RuleViolation('AMB-11', 'Only a supervisor assesses a supplementary indemnity', {
      field: 'decision',
    });
  const line = lineOf(state, command.indemnityType, command.party);
  if (!line.assessed.figures.supplementaryAssessment)
    throw new ConflictingState('No supplementary assessment is open on this line', {}, 'AMB-11');
  if (line.supplement)
    throw new ConflictingState('The supplementary assessment was already decided', {
      decision: line.supplement.decision,
    });
  const reason = command.reason.trim();
  if (!reason)
    throw new RuleViolation('AMB-11', 'A supplementary assessment states its reason', {
      field: 'reason',
    });
  const cents = command.supplementCents;
  if (!Number.isInteger(cents) || cents < 0)
    throw new RuleViolation('CAL-10', 'A supplement is a whole number of cents ≥ 0', {
      field: 'supplementCents',
    });
  if (command.decision === 'refused' && cents !== 0)
    throw new RuleViolation('AMB-11', 'A refused supplement is €0.00', {
      field: 'supplementCents',
    });
  if (command.decision === 'granted' && cents === 0)
    throw new RuleViolation('AMB-11', 'A granted supplement has an amount', {
      field: 'supplementCents',
    });
  const { assessed } = line;
  return [
    {
      type: 'SupplementaryIndemnityDecided',
      data: {
        ticket: assessed.ticket,
        indemnityType: assessed.indemnityType,
        party: assessed.party,
        subjectId: assessed.subjectId,
        assessedEventId: line.assessedEventId,
        decision: command.decision,
        supplementCents: cents,
        reason,
        decidedBy: context.actor.id,
        decidedAt: context.now,
        rules: ['IND-2', 'AMB-11'],
      },
    },
  ];
}

/**
 * The ledger's decider over a ticket's own stream: it folds the ledger events and the few ticket
 * events that change a line, and decides the supervisor's commands. Ledger events are appended
 * to the ticket's stream so the ticket's history, time travel and privacy export show them.
 */
export const ledgerDecider: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: initialLedgerState,
  evolve: evolveLedger as Decider<LedgerCommand, LedgerEvent, LedgerState>['evolve'],
  decide(command, state, context) {
    switch (command.type) {
      case 'CreditIndemnity':
        return creditIndemnity(command, state, context);
      case 'DecideSupplementaryIndemnity':
        return decideSupplement(command, state, context);
    }
  },
};
