import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { indemnityFigures } from './indemnity-figures';
import { IndemnityAssessed, IndemnityTerms, LedgerEvent } from './indemnity.events';
import { ledgerDecider } from './ledger.decider';

const supervisor = { id: 'sup-1', roles: ['supervisor'] };
const operator = { id: 'op-1', roles: ['operator'] };
const spec = (now = '2026-05-01T10:00:00Z', actor = supervisor) =>
  deciderSpec(ledgerDecider, { now, actor });

const terms = (capDays = 10): IndemnityTerms => ({
  count: { basis: 'STARTED_24_HOUR_PERIODS', dueAt: '2026-03-05T08:00:00.000Z' },
  rate: {
    dailyCents: 500,
    multiplier: 1,
    capDays,
    capCents: null,
    flatCents: null,
    rules: ['IND-1'],
    clause: 'FW-CDS §5.3',
  },
  regulatory: null,
  supplementaryBeyondDays: 10,
});

function assessed(
  fulfilledAt = '2026-03-08T09:00:00.000Z',
  overrides: Partial<IndemnityAssessed['data']> = {},
): LedgerEvent {
  const t = overrides.terms ?? terms();
  return {
    type: 'IndemnityAssessed',
    data: {
      assessmentId: 'as-1',
      ticket: { kind: 'fault', id: 'f1', reference: 'GU-1', stream: 'fault-f1' },
      indemnityType: 'REPAIR_DELAY',
      party: null,
      subjectId: 's-1',
      operator: 'FASTWEB',
      policyVersion: 'FASTWEB@cds-2017',
      customerType: 'residential',
      terms: t,
      inputs: {
        dueAt: '2026-03-05T08:00:00.000Z',
        dueDate: '2026-03-05',
        unpausedDueAt: null,
        pauses: [],
        announcedDate: null,
        fulfilledAt,
        fulfilment: 'restored',
      },
      figures: indemnityFigures(t, fulfilledAt),
      hold: null,
      payout: { awaits: 'nothing', onFirstInvoiceIssuedAfter: '2026-03-08', rules: [] },
      source: { eventId: 'e-1', type: 'RepairIndemnityAssessed', revision: 3, amountCents: 2000 },
      rules: ['IND-12'],
      currency: 'EUR',
      summary: '',
      ...overrides,
    },
  };
}

const credit = (invoiceIssuedOn = '2026-04-01', invoiceNumber = 'FW-2026-0042') => ({
  type: 'CreditIndemnity' as const,
  indemnityType: 'REPAIR_DELAY' as const,
  party: null,
  invoiceNumber,
  invoiceIssuedOn,
});

describe('the indemnity ledger decider (IND-11, IND-12, AMB-7, AMB-11)', () => {
  it('IND-11: a supervisor credits an assessed line on an invoice issued after the assessment', () => {
    spec()
      .given([assessed()])
      .when(credit())
      .then([
        {
          type: 'IndemnityCredited',
          data: {
            ticket: { kind: 'fault', id: 'f1', reference: 'GU-1', stream: 'fault-f1' },
            indemnityType: 'REPAIR_DELAY',
            party: null,
            subjectId: 's-1',
            assessedEventId: 'as-1',
            amountCents: 2000,
            currency: 'EUR',
            invoiceNumber: 'FW-2026-0042',
            invoiceIssuedOn: '2026-04-01',
            creditedAt: '2026-05-01T10:00:00Z',
            creditedBy: 'sup-1',
            rules: ['IND-11', 'IND-12'],
          },
        },
      ]);
  });

  it('IND-11: crediting twice on the same invoice changes nothing; on another invoice is refused', () => {
    const given = spec().given([assessed(), ...([] as LedgerEvent[])]);
    given.when(credit()).then((events) => expect(events).toHaveLength(1));
    const credited = {
      type: 'IndemnityCredited',
      data: { indemnityType: 'REPAIR_DELAY', party: null, invoiceNumber: 'FW-2026-0042' },
    } as LedgerEvent;
    spec().given([assessed(), credited]).when(credit()).then([]);
    spec()
      .given([assessed(), credited])
      .when(credit('2026-04-01', 'FW-2026-0099'))
      .thenRefuses({ kind: 'conflicting_state' });
  });

  it('EXT-IND-1: the credit goes on the first invoice issued after the date; never a future invoice', () => {
    spec()
      .given([
        assessed(undefined, {
          payout: {
            awaits: 'nothing',
            onFirstInvoiceIssuedAfter: '2026-04-13',
            rules: ['AMB-17', 'EXT-IND-1'],
          },
        }),
      ])
      .when(credit('2026-04-13'))
      .thenRefuses({ ruleId: 'EXT-IND-1', details: { field: 'invoiceIssuedOn' } });
    spec().given([assessed()]).when(credit('2026-05-02')).thenRefuses({ ruleId: 'IND-11' });
  });

  it('IND-4: a payout on request is refused until the customer asks (AMB-12 makes it automatic by policy)', () => {
    spec()
      .given([
        assessed(undefined, {
          payout: {
            awaits: 'customer_request',
            onFirstInvoiceIssuedAfter: '2026-03-08',
            rules: ['IND-4'],
          },
        }),
      ])
      .when(credit())
      .thenRefuses({ ruleId: 'IND-4' });
  });

  it('IND-7: a payout that waits for the written report is refused until the claim is recorded', () => {
    const awaiting = assessed(undefined, {
      payout: {
        awaits: 'written_report',
        onFirstInvoiceIssuedAfter: '2026-03-20',
        rules: ['IND-7'],
      },
    });
    spec().given([awaiting]).when(credit()).thenRefuses({ ruleId: 'IND-7' });
    spec()
      .given([
        awaiting,
        {
          type: 'IndemnityClaimRecorded',
          data: { onFirstInvoiceIssuedAfter: '2026-03-25' },
        } as never,
      ])
      .when(credit())
      .then((events) => expect(events[0]).toMatchObject({ type: 'IndemnityCredited' }));
  });

  it('AMB-7: a held line is under review until the fault review; approved it is credited, denied refused', () => {
    const held = assessed(undefined, { hold: { rule: 'AMB-7', reason: 'complesso' } });
    spec().given([held]).when(credit()).thenRefuses({ ruleId: 'AMB-7', kind: 'conflicting_state' });
    const review = (decision: 'approved' | 'denied') =>
      ({
        type: 'ComplexFaultIndemnityReviewed',
        data: { decision, reason: 'ok', reviewedBy: 'sup-2', amountCents: 2000 },
      }) as never;
    spec()
      .given([held, review('approved')])
      .when(credit())
      .then((events) => expect(events[0]).toMatchObject({ data: { amountCents: 2000 } }));
    spec()
      .given([review('denied'), held])
      .when(credit())
      .thenRefuses({ ruleId: 'AMB-7' });
  });

  it('AMB-11: beyond the day cap the supplement is decided first, then credited with the base figure', () => {
    const capped = assessed('2026-03-21T09:00:00.000Z');
    spec().given([capped]).when(credit()).thenRefuses({ ruleId: 'AMB-11' });
    const decide = {
      type: 'DecideSupplementaryIndemnity' as const,
      indemnityType: 'REPAIR_DELAY' as const,
      party: null,
      decision: 'granted' as const,
      supplementCents: 3000,
      reason: 'Richiesta del cliente, CGC art. 9',
    };
    spec().given([capped]).when(decide, { actor: operator }).thenRefuses({ ruleId: 'AMB-11' });
    spec()
      .given([capped])
      .when({ ...decide, decision: 'refused' })
      .thenRefuses({ details: { field: 'supplementCents' } });
    spec()
      .given([capped])
      .when(decide)
      .then((events) =>
        expect(events[0]).toMatchObject({
          type: 'SupplementaryIndemnityDecided',
          data: { decision: 'granted', supplementCents: 3000, rules: ['IND-2', 'AMB-11'] },
        }),
      );
    const decided = ledgerDecider.decide(
      decide,
      ledgerDecider.evolve(ledgerDecider.initialState(), capped as never),
      {
        now: '2026-05-01T10:00:00Z',
        actor: supervisor,
      },
    );
    spec()
      .given([capped, ...decided])
      .when(credit())
      .then((events) => expect(events[0]).toMatchObject({ data: { amountCents: 8000 } }));
  });

  it('FLT-1: a reopened fault voids the uncredited assessment; a line that does not exist is not found', () => {
    spec()
      .given([assessed(), { type: 'FaultReopened', data: {} } as never])
      .when(credit())
      .thenRefuses({ kind: 'not_found' });
  });
});
