import { ActivationCommand } from '@sportello/activations/domain/activation.commands';
import { activationDecider } from '@sportello/activations/domain/activation.decider';
import {
  FASTWEB_ACTIVATIONS,
  PSA_ACTIVATIONS,
} from '@sportello/activations/testing/activation-policies.fixture';
import { ComplaintCommand } from '@sportello/complaints/domain/complaint.commands';
import { complaintDecider } from '@sportello/complaints/domain/complaint.decider';
import { ComplaintPolicy } from '@sportello/complaints/domain/complaint.policy';
import {
  FASTWEB_COMPLAINTS,
  PSA_COMPLAINTS,
} from '@sportello/complaints/testing/complaint-policies.fixture';
import { DirectoryCommand } from '@sportello/directory/domain/directory.commands';
import { directoryDecider } from '@sportello/directory/domain/directory.decider';
import { FASTWEB_DIRECTORY } from '@sportello/directory/testing/directory-policies.fixture';
import { FaultCommand } from '@sportello/faults/domain/fault.commands';
import { faultDecider } from '@sportello/faults/domain/fault.decider';
import { FaultPolicy } from '@sportello/faults/domain/fault.policy';
import { FASTWEB_FAULTS, PSA_FAULTS } from '@sportello/faults/testing/fault-policies.fixture';
import { MaintenanceCommand } from '@sportello/maintenance/domain/maintenance.commands';
import { maintenanceDecider } from '@sportello/maintenance/domain/maintenance.decider';
import {
  FASTWEB_MAINTENANCE,
  PSA_MAINTENANCE,
} from '@sportello/maintenance/testing/maintenance-policies.fixture';
import { OPERATOR, specIds, SUPERVISOR, TicketStream } from '../../testing/ticket-stream';
import { recomputesFromItsInputs } from '../indemnity-figures';
import { IndemnityAssessed } from '../indemnity.events';
import { assessmentsFor, PinnedPolicies } from './assessments-from-stream';

type Customer = 'residential' | 'business';

const byVersion =
  <T extends { version: string }>(...policies: T[]) =>
  (version: string) =>
    policies.find((p) => p.version === version) ?? null;
const policies: PinnedPolicies = {
  complaint: byVersion(FASTWEB_COMPLAINTS, PSA_COMPLAINTS),
  fault: byVersion(FASTWEB_FAULTS, PSA_FAULTS),
  activation: byVersion(FASTWEB_ACTIVATIONS, PSA_ACTIVATIONS),
  maintenance: byVersion(FASTWEB_MAINTENANCE, PSA_MAINTENANCE),
};

function assessed(ticket: TicketStream<unknown, never, unknown>, trigger: string) {
  const lines = assessmentsFor(
    ticket.stream,
    ticket.events,
    ticket.last(trigger),
    policies,
    specIds,
  );
  for (const line of lines) expect(recomputesFromItsInputs(line).matches).toBe(true);
  return lines;
}

const after = (instant: string) => new Date(Date.parse(instant) + 60_000).toISOString();

function fault(policy: FaultPolicy, reportedAt: string, customerType: Customer = 'residential') {
  const t = new TicketStream(faultDecider, 'fault-f1');
  t.run(
    {
      type: 'ReportFault',
      faultId: 'f1',
      reference: 'GU-2026-TEST0001',
      policy,
      customer: { subjectId: 's-1', customerType, name: 'Marco Bianchi' },
      lineId: 'LINE-1',
      service: 'broadband',
      channel: 'phone',
      description: 'Nessuna connessione',
      reportedAt,
    },
    after(reportedAt),
  );
  return t;
}

function restoreAndClose(
  t: TicketStream<FaultCommand, never, unknown>,
  policy: FaultPolicy,
  restoredAt: string,
) {
  t.run({ type: 'RestoreService', restoredAt }, after(restoredAt));
  t.run({ type: 'CloseFault', policy, outcome: 'repaired', finding: null }, after(restoredAt));
  return assessed(t as never, 'RepairIndemnityAssessed');
}

describe('IND-12: the IndemnityAssessed line of each §7 scenario, recomputable from its inputs', () => {
  it('AS-01 (IND-1, CAL-7): Fastweb residential, 73 h late → 4 days × €5.00 = €20.00, every input on the event', () => {
    const t = fault(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00');
    const [line] = restoreAndClose(t as never, FASTWEB_FAULTS, '2026-03-08T10:00:00+01:00');
    expect(line).toMatchObject({
      assessmentId: 'fault-f1/3/RepairIndemnityAssessed/REPAIR_DELAY/-',
      ticket: { kind: 'fault', id: 'f1', reference: 'GU-2026-TEST0001', stream: 'fault-f1' },
      indemnityType: 'REPAIR_DELAY',
      operator: 'FASTWEB',
      policyVersion: 'FASTWEB@cds-2017',
      customerType: 'residential',
      terms: {
        count: { basis: 'STARTED_24_HOUR_PERIODS', dueAt: '2026-03-05T08:00:00.000Z' },
        rate: { dailyCents: 500, multiplier: 1, capDays: 10, capCents: null },
        supplementaryBeyondDays: 10,
      },
      inputs: {
        dueAt: '2026-03-05T08:00:00.000Z',
        fulfilledAt: '2026-03-08T09:00:00.000Z',
        fulfilment: 'restored',
        pauses: [],
      },
      figures: { days: 4, contractualCents: 2000, creditedCents: 2000, final: false },
      hold: null,
      source: { type: 'RepairIndemnityAssessed', amountCents: 2000 },
      currency: 'EUR',
    });
    expect(line.rules).toEqual(expect.arrayContaining(['CAL-7', 'IND-1', 'IND-12', 'CAL-10']));
  });

  it('AS-02 (IND-1, IND-13): the same fault for a Partita IVA customer → €40.00', () => {
    const t = fault(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00', 'business');
    const [line] = restoreAndClose(t as never, FASTWEB_FAULTS, '2026-03-08T10:00:00+01:00');
    expect(line.figures).toMatchObject({ days: 4, creditedCents: 4000 });
    expect(line.terms.rate.dailyCents).toBe(1000);
  });

  it('AS-04 (IND-1, IND-2, AMB-11): 16 days capped at 10: €50.00 / €100.00, supplementary assessment open', () => {
    for (const [customer, cents] of [
      ['residential', 5000],
      ['business', 10000],
    ] as const) {
      const t = fault(FASTWEB_FAULTS, '2026-01-07T08:00:00+01:00', customer);
      const [line] = restoreAndClose(t as never, FASTWEB_FAULTS, '2026-01-25T12:00:00+01:00');
      expect(line.figures).toMatchObject({
        days: 16,
        daysPaid: 10,
        contractualCents: cents,
        uncappedCents: cents * 1.6,
        final: true,
        supplementaryAssessment: true,
      });
      expect(line.rules).toEqual(expect.arrayContaining(['IND-2', 'AMB-11']));
    }
  });

  it('AS-08 (IND-8, CAL-3): PSA due end of 04-08, restored 04-10 → 2 calendar days × €5.00 = €10.00, any customer type', () => {
    for (const customer of ['residential', 'business'] as const) {
      const t = fault(PSA_FAULTS, '2026-04-02T16:30:00+02:00', customer);
      const [line] = restoreAndClose(t as never, PSA_FAULTS, '2026-04-10T11:00:00+02:00');
      expect(line.terms.count).toEqual({
        basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
        dueAt: '2026-04-08T21:59:59.999Z',
        dueDate: '2026-04-08',
      });
      expect(line.figures).toMatchObject({ days: 2, creditedCents: 1000 });
    }
  });

  it('AS-11 (IND-8, CAL-5): PSA, 14 days × €5.00 = €70.00 → capped at €50.00', () => {
    const t = fault(PSA_FAULTS, '2026-06-01T10:00:00+02:00');
    const [line] = restoreAndClose(t as never, PSA_FAULTS, '2026-06-20T10:00:00+02:00');
    expect(line.figures).toMatchObject({
      days: 14,
      uncappedCents: 7000,
      contractualCents: 5000,
      final: true,
    });
  });

  it('AS-13 (IND-9, AMB-15): exceptional widespread fault, 15–18 Nov → 4 × €2.50 = €10.00', () => {
    const t = fault(PSA_FAULTS, '2026-11-06T10:00:00+01:00');
    t.run(
      {
        type: 'MarkFaultComplex',
        policy: PSA_FAULTS,
        complexity: 'EXCEPTIONAL_WIDESPREAD',
        reasons: ['Mareggiata'],
        forceMajeure: { from: '2026-11-05', endedOn: '2026-11-10', evidenceRef: 'PC-2026-118' },
        announcedResolutionDate: null,
      },
      '2026-11-06T12:00:00+01:00',
      SUPERVISOR,
    );
    const [line] = restoreAndClose(t as never, PSA_FAULTS, '2026-11-18T10:00:00+01:00');
    expect(line).toMatchObject({
      indemnityType: 'EXCEPTIONAL_FAULT',
      terms: { count: { basis: 'CALENDAR_DAYS_FROM_START', countedFrom: '2026-11-15' } },
      figures: { days: 4, creditedCents: 1000 },
    });
  });

  it('AMB-7: a complex Fastweb fault is assessed with its figure and held for review', () => {
    const t = fault(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00');
    t.run(
      {
        type: 'MarkFaultComplex',
        policy: FASTWEB_FAULTS,
        complexity: 'COMPLEX',
        reasons: ['Cavo sottomarino'],
        forceMajeure: null,
        announcedResolutionDate: null,
      },
      '2026-03-03T09:00:00+01:00',
      SUPERVISOR,
    );
    const [line] = restoreAndClose(t as never, FASTWEB_FAULTS, '2026-03-08T10:00:00+01:00');
    expect(line.hold).toEqual({ rule: 'AMB-7', reason: expect.any(String) });
    expect(line.figures.creditedCents).toBe(2000);
  });

  it('on time: nothing to record; a reopening voids the assessment it followed (FLT-1)', () => {
    const onTime = fault(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00');
    expect(restoreAndClose(onTime as never, FASTWEB_FAULTS, '2026-03-05T09:00:00+01:00')).toEqual(
      [],
    );
    const reopened = fault(FASTWEB_FAULTS, '2026-03-02T09:00:00+01:00');
    restoreAndClose(reopened as never, FASTWEB_FAULTS, '2026-03-08T10:00:00+01:00');
    reopened.run(
      { type: 'ReopenFault', policy: { ...FASTWEB_FAULTS, reopenWindowDays: 10 }, reason: 'KO' },
      '2026-03-09T10:00:00+01:00',
    );
    expect(assessed(reopened as never, 'RepairIndemnityAssessed')).toEqual([]);
  });
});

function complaint(
  policy: ComplaintPolicy,
  receivedAt: string,
  customerType: Customer = 'residential',
) {
  const t = new TicketStream(complaintDecider, 'complaint-c1');
  t.run(
    {
      type: 'FileComplaint',
      complaintId: 'c1',
      trackingCode: 'RC-2026-TEST0001',
      policy,
      customer: { subjectId: 's-1', customerType, name: 'Luca Bianchi' },
      channel: 'email',
      receivedAt,
      sentAt: null,
      category: 'service_quality',
      description: 'Il servizio non funziona',
      invoice: null,
      outage: null,
    },
    after(receivedAt),
  );
  return t;
}

const answer = (answeredAt: string): ComplaintCommand => ({
  type: 'AnswerComplaint',
  outcome: 'upheld',
  answeredAt,
  answerDocument: null,
  measures: ['Ripristinato il servizio'],
  refundCents: null,
  paymentDueOn: null,
});

describe('IND-12 for complaints (CMP-12): the late answer, from the log', () => {
  it('AS-15 (IND-14, EXT-IND-7): Fastweb answered on day 46 → €2.50, the same for Partita IVA; on day 45 nothing', () => {
    for (const customer of ['residential', 'business'] as const) {
      const t = complaint(FASTWEB_COMPLAINTS, '2026-03-02T10:00:00+01:00', customer);
      t.run(answer('2026-04-17T10:00:00+02:00'), '2026-04-17T10:05:00+02:00');
      const [line] = assessed(t as never, 'ComplaintAnswered');
      expect(line).toMatchObject({
        indemnityType: 'COMPLAINT_DELAY',
        terms: { count: { dueDate: '2026-04-16' }, rate: { dailyCents: 250, multiplier: 1 } },
        figures: { days: 1, creditedCents: 250 },
        inputs: { fulfilment: 'answered' },
      });
      expect(line.rules).toEqual(expect.arrayContaining(['IND-14', 'EXT-IND-7', 'CMP-12']));
    }
    const onTime = complaint(FASTWEB_COMPLAINTS, '2026-03-02T10:00:00+01:00');
    onTime.run(answer('2026-04-16T18:00:00+02:00'), '2026-04-16T18:05:00+02:00');
    expect(assessed(onTime as never, 'ComplaintAnswered')).toEqual([]);
  });

  it('AS-16 (IND-8): PSA answered 4 days late → €20.00', () => {
    const t = complaint(PSA_COMPLAINTS, '2026-09-01T10:00:00+02:00');
    t.run(answer('2026-10-20T10:00:00+02:00'), '2026-10-20T10:05:00+02:00');
    expect(assessed(t as never, 'ComplaintAnswered')[0].figures).toMatchObject({
      days: 4,
      creditedCents: 2000,
    });
  });

  it('AS-17 (IND-8, CAL-2): due on a Sunday, 60 days late → €300.00 capped at €50.00', () => {
    const t = complaint(PSA_COMPLAINTS, '2026-01-15T10:00:00+01:00');
    t.run(answer('2026-04-30T10:00:00+02:00'), '2026-04-30T10:05:00+02:00');
    const [line] = assessed(t as never, 'ComplaintAnswered');
    expect(line.inputs.dueDate).toBe('2026-03-01');
    expect(line.figures).toMatchObject({ days: 60, uncappedCents: 30000, creditedCents: 5000 });
  });

  it('AS-20 (CMP-7): a notice in time moves the due date (nothing owed); after the term, 22 days → €50.00', () => {
    const inTime = complaint(PSA_COMPLAINTS, '2026-05-04T10:00:00+02:00');
    inTime.run(
      {
        type: 'SendComplexityNotice',
        policy: PSA_COMPLAINTS,
        noticedAt: '2026-06-10T10:00:00+02:00',
        answerDate: '2026-07-15',
        progress: 'Verifiche in corso',
      },
      '2026-06-10T10:05:00+02:00',
    );
    inTime.run(answer('2026-07-10T10:00:00+02:00'), '2026-07-10T10:05:00+02:00');
    expect(assessed(inTime as never, 'ComplaintAnswered')).toEqual([]);
    const late = complaint(PSA_COMPLAINTS, '2026-05-04T10:00:00+02:00');
    late.run(answer('2026-07-10T10:00:00+02:00'), '2026-07-10T10:05:00+02:00');
    expect(assessed(late as never, 'ComplaintAnswered')[0].figures).toMatchObject({
      days: 22,
      uncappedCents: 11000,
      creditedCents: 5000,
    });
  });

  it('a complaint withdrawn after its term closes the line at the withdrawal', () => {
    const t = complaint(PSA_COMPLAINTS, '2026-09-01T10:00:00+02:00');
    t.run({ type: 'WithdrawComplaint', reason: 'Risolto' }, '2026-10-18T10:00:00+02:00');
    expect(assessed(t as never, 'ComplaintWithdrawn')[0]).toMatchObject({
      inputs: { fulfilment: 'withdrawn', fulfilledAt: '2026-10-18T08:00:00.000Z' },
      figures: { days: 2, creditedCents: 1000 },
    });
  });
});

describe('IND-12 for activations, maintenance and directory errors', () => {
  function activation(policy = FASTWEB_ACTIVATIONS, customerType: Customer = 'residential') {
    const t = new TicketStream(activationDecider, 'activation-a1');
    t.run(
      {
        type: 'RequestActivation',
        activationId: 'a1',
        reference: 'AT-2026-TEST0001',
        policy,
        customer: { subjectId: 's-1', customerType, name: 'Giulia Verdi' },
        requestKind: 'activation',
        services: policy === FASTWEB_ACTIVATIONS ? ['voice'] : ['voice', 'broadband'],
        access: null,
        lineId: null,
        address: 'Via Roma 1, Torino',
        channel: 'web_area',
        receivedAt:
          policy === FASTWEB_ACTIVATIONS
            ? '2026-01-05T10:00:00+01:00'
            : '2026-02-02T10:00:00+01:00',
        relocationFormTermDays: null,
      } as ActivationCommand,
      '2026-02-02T12:00:00+01:00',
    );
    return t;
  }

  it('AS-29 (IND-1, EXT-IND-2, AMB-17): 8 days late → €40.00 contractual, €60.00 regulatory credited; business €80.00 / €120.00', () => {
    for (const [customer, contract, regulator] of [
      ['residential', 4000, 6000],
      ['business', 8000, 12000],
    ] as const) {
      const t = activation(FASTWEB_ACTIVATIONS, customer);
      t.run(
        {
          type: 'RecordTechnicalCheck',
          policy: FASTWEB_ACTIVATIONS,
          outcome: 'positive',
          checkedAt: '2026-01-20T10:00:00+01:00',
          reason: null,
        },
        '2026-02-02T12:00:00+01:00',
      );
      t.run(
        {
          type: 'ActivateService',
          policy: FASTWEB_ACTIVATIONS,
          activatedAt: '2026-02-27T10:00:00+01:00',
        },
        '2026-02-27T12:00:00+01:00',
      );
      const [line] = assessed(t as never, 'ActivationIndemnityAssessed');
      expect(line).toMatchObject({
        indemnityType: 'ACTIVATION_DELAY',
        inputs: { dueDate: '2026-02-19', fulfilment: 'activated' },
        figures: {
          days: 8,
          contractualCents: contract,
          regulatoryCents: regulator,
          creditedCents: regulator,
          creditBasis: 'regulator',
          final: false,
        },
        payout: { awaits: 'nothing', onFirstInvoiceIssuedAfter: '2026-04-13' },
      });
      expect(line.rules).toEqual(expect.arrayContaining(['AMB-17', 'EXT-IND-1', 'EXT-IND-2']));
    }
  });

  it('AS-30 (IND-5, AMB-17): PSA not informed, 16 days → €32.00 capped €30.00, regulatory €120.00 credited', () => {
    const t = activation(PSA_ACTIVATIONS);
    t.run(
      {
        type: 'ActivateService',
        policy: PSA_ACTIVATIONS,
        activatedAt: '2026-03-20T10:00:00+01:00',
      },
      '2026-03-20T12:00:00+01:00',
    );
    expect(assessed(t as never, 'ActivationIndemnityAssessed')[0].figures).toMatchObject({
      days: 16,
      uncappedCents: 3200,
      contractualCents: 3000,
      regulatoryCents: 12000,
      creditedCents: 12000,
    });
  });

  it('AS-31 (MNT-3, AMB-10): 16 h notice, one calendar day touched → FASTWEB €5.00 / €10.00 per line, PSA €5.00', () => {
    for (const [policy, cents] of [
      [FASTWEB_MAINTENANCE, [500, 1000]],
      [PSA_MAINTENANCE, [500, 500]],
    ] as const) {
      const t = new TicketStream(maintenanceDecider, 'maintenance-window-w1');
      const steps: [MaintenanceCommand, string][] = [
        [
          {
            type: 'RegisterMaintenanceWindow',
            windowId: 'w1',
            reference: 'MW-2026-TEST0001',
            policy,
            kind: 'planned',
            area: 'Torino nord',
            affected: {
              kind: 'lines',
              lines: [
                { lineId: 'L1', subjectId: 's-1', customerType: 'residential' },
                { lineId: 'L2', subjectId: 's-2', customerType: 'business' },
              ],
            },
            plannedStart: '2026-05-11T01:00:00+02:00',
            plannedEnd: '2026-05-11T05:00:00+02:00',
            description: 'Sostituzione apparati',
            notice: {
              noticeId: 'n1',
              publishedAt: '2026-05-10T09:00:00+02:00',
              channel: policy === FASTWEB_MAINTENANCE ? 'web_area' : 'email',
            },
          },
          '2026-05-10T09:05:00+02:00',
        ],
        [
          { type: 'RecordMaintenanceStart', policy, startedAt: '2026-05-11T01:00:00+02:00' },
          '2026-05-11T01:05:00+02:00',
        ],
        [
          { type: 'RecordMaintenanceEnd', policy, endedAt: '2026-05-11T05:00:00+02:00' },
          '2026-05-11T05:05:00+02:00',
        ],
      ];
      for (const [command, now] of steps) t.run(command, now, OPERATOR);
      const lines = assessed(t as never, 'MaintenanceNoticeIndemnityAssessed');
      expect(
        lines.map((l) => [l.party, l.subjectId, l.figures.days, l.figures.creditedCents]),
      ).toEqual([
        ['line-0', 's-1', 1, cents[0]],
        ['line-1', 's-2', 1, cents[1]],
      ]);
    }
  });

  it('AS-28 (IND-3, EXT-IND-6): flat €25.00 / €50.00; regulatory reference €200.00 / €800.00 for one year, never credited', () => {
    for (const [customer, flat, reference] of [
      ['residential', 2500, 20000],
      ['business', 5000, 80000],
    ] as const) {
      const t = new TicketStream(directoryDecider, 'directory-error-d1');
      const listing = { name: 'Rossi Mario', number: '011 1234567', address: 'Via Po 3' };
      const steps: [DirectoryCommand, string][] = [
        [
          {
            type: 'ReportDirectoryError',
            errorId: 'd1',
            reference: 'DE-2026-TEST0001',
            policy: FASTWEB_DIRECTORY,
            customer: { subjectId: 's-1', customerType: customer, name: 'Mario Rossi' },
            lineId: 'LINE-1',
            medium: 'printed_directory',
            requested: { publish: true, basis: 'customer_request', listing },
            published: { ...listing, number: '011 7654321' },
            erroneousSince: '2025-03-01',
            discoveredOn: '2026-02-20',
            reportedAt: '2026-02-20T10:00:00+01:00',
            channel: 'phone',
          },
          '2026-02-20T10:05:00+01:00',
        ],
        [
          { type: 'RecordListingCorrection', policy: FASTWEB_DIRECTORY, correctedOn: '2026-03-01' },
          '2026-03-01T09:00:00+01:00',
        ],
        [
          {
            type: 'DecideDirectoryErrorAttribution',
            policy: FASTWEB_DIRECTORY,
            attributable: true,
            reason: 'Back office',
          },
          '2026-03-05T09:00:00+01:00',
        ],
      ];
      for (const [command, now] of steps) t.run(command, now, SUPERVISOR);
      const [line] = assessed(t as never, 'DirectoryErrorIndemnityAssessed');
      expect(line).toMatchObject({
        indemnityType: 'DIRECTORY_ERROR',
        terms: { count: { basis: 'FLAT' }, rate: { flatCents: flat } },
        figures: {
          contractualCents: flat,
          regulatoryCents: reference,
          creditedCents: flat,
          creditBasis: 'contract',
          final: true,
        },
      } as Partial<IndemnityAssessed['data']>);
    }
  });
});
