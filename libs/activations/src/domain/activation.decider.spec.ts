import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_ACTIVATIONS, PSA_ACTIVATIONS } from '../testing/activation-policies.fixture';
import {
  ActivationCommand,
  NotifyActivationDelay,
  PauseActivationClock,
  RequestActivation,
} from './activation.commands';
import { activationDecider } from './activation.decider';
import { ActivationEvent } from './activation.events';
import { ActivationPolicy } from './activation.policy';

const FASTWEB = FASTWEB_ACTIVATIONS;
const PSA = PSA_ACTIVATIONS;
type Actor = DecisionContext['actor'];
const operator: Actor = { id: 'op-1', roles: ['operator'] };
const supervisor: Actor = { id: 'sup-1', roles: ['supervisor'] };

const spec = (now: string, actor: Actor = operator) =>
  deciderSpec(activationDecider, { now, actor });

function request(
  policy: ActivationPolicy,
  receivedAt: string,
  p: Partial<RequestActivation> = {},
): RequestActivation {
  return {
    type: 'RequestActivation',
    activationId: 'a-1',
    reference: 'AT-2026-TEST0001',
    policy,
    customer: {
      subjectId: 's-1',
      customerType: 'residential',
      name: 'Giulia Verdi',
      email: 'giulia@example.it',
    },
    requestKind: 'activation',
    services: ['voice'],
    access: null,
    lineId: null,
    address: 'Via Roma 1, Torino',
    channel: 'web_area',
    receivedAt,
    relocationFormTermDays: null,
    ...p,
  };
}

const check = (
  policy: ActivationPolicy,
  checkedAt: string,
  outcome: 'positive' | 'negative' = 'positive',
  reason: string | null = null,
): ActivationCommand => ({ type: 'RecordTechnicalCheck', policy, outcome, checkedAt, reason });
const activate = (policy: ActivationPolicy, activatedAt: string): ActivationCommand => ({
  type: 'ActivateService',
  policy,
  activatedAt,
});
const notice = (
  policy: ActivationPolicy,
  p: Partial<NotifyActivationDelay> & Pick<NotifyActivationDelay, 'informedAt'>,
): NotifyActivationDelay => ({
  type: 'NotifyActivationDelay',
  policy,
  noticeId: 'n-1',
  channel: 'email',
  reason: 'Risorse tecniche non disponibili nella centrale',
  newActivationDate: null,
  agreedWithCustomer: true,
  ...p,
});
const pause = (
  policy: ActivationPolicy,
  p: Partial<PauseActivationClock> & Pick<PauseActivationClock, 'pauseId' | 'from'>,
): PauseActivationClock => ({
  type: 'PauseActivationClock',
  policy,
  kind: 'WAITING_ON_CUSTOMER',
  reason: 'Il cliente ha chiesto di rinviare il sopralluogo',
  evidenceRef: null,
  to: null,
  approval: null,
  ...p,
});

type Step = [command: ActivationCommand, now: string, actor?: Actor];

/** Decides each command against the history so far: the events a real stream would hold. */
function play(...steps: Step[]): ActivationEvent[] {
  const events: ActivationEvent[] = [];
  for (const [command, now, actor = operator] of steps) {
    events.push(
      ...activationDecider.decide(command, fold(activationDecider, events), { now, actor }),
    );
  }
  return events;
}

type DataOf<T extends ActivationEvent['type']> = Extract<ActivationEvent, { type: T }>['data'];

function one<T extends ActivationEvent['type']>(events: ActivationEvent[], type: T): DataOf<T> {
  const found = events.filter((e): e is Extract<ActivationEvent, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0].data as DataOf<T>;
}

const types = (events: ActivationEvent[]) => events.map((e) => e.type);
const stateAfter = (events: ActivationEvent[]) => fold(activationDecider, events);
const dueOf = (events: ActivationEvent[]) => {
  const state = stateAfter(events);
  return state.status === 'none' ? undefined : state.activationDueAt;
};

describe('activations', () => {
  describe('ACT-1, ACT-2, AMB-8 — Fastweb: 60 days from the proposal, or 30 from a positive check', () => {
    const proposal = '2026-01-05T10:00:00+01:00';

    it('ACT-1: given a proposal received 2026-01-05, then the request carries the customer block and is due by the end of 2026-03-06; the checks by 2026-02-04 (ACT-2)', () => {
      spec('2026-01-05T10:05:00+01:00')
        .given([])
        .when(request(FASTWEB, proposal))
        .then((events) => {
          expect(types(events)).toEqual(['ActivationRequested']);
          const requested = one(events, 'ActivationRequested');
          expect(requested).toMatchObject({
            activationId: 'a-1',
            operator: 'FASTWEB',
            policyVersion: 'FASTWEB@cds-2017',
            customer: { subjectId: 's-1', customerType: 'residential', name: 'Giulia Verdi' },
            requestKind: 'activation',
            services: ['voice'],
            receivedAt: '2026-01-05T09:00:00.000Z',
            term: {
              category: 'STANDARD',
              startsAt: 'PROPOSAL_RECEIVED',
              days: 60,
              rule: 'ACT-1',
              afterPositiveCheck: { days: 30, rule: 'ACT-2', clause: 'FW-CGC 4.1' },
              informedDelay: { exempts: false, rule: 'ACT-3' },
            },
            activationDueAt: '2026-03-06T22:59:59.999Z',
            activationDue: {
              status: 'DUE',
              chosen: 'REQUEST_TERM',
              dueDate: '2026-03-06',
              dueAtLocal: '2026-03-06T23:59:59.999+01:00',
              unpausedDueAt: '2026-03-06T22:59:59.999Z',
              receivedDate: '2026-01-05',
              technicalCheckDue: { rule: 'ACT-2', dueDate: '2026-02-04' },
              rules: ['ACT-1', 'ACT-2', 'AMB-8', 'CAL-1', 'CAL-2'],
            },
          });
          expect(requested.activationDue.candidates).toHaveLength(1);
          expect(requested.activationDue.summary).toContain('60 solar day(s) after 2026-01-05');
        });
    });

    it.each([
      ['residential', 4000, 6000],
      ['business', 8000, 12000],
    ] as const)(
      'AS-29, ACT-11, IND-1, EXT-IND-1, EXT-IND-2, AMB-17 (%s): checks positive 01-20 → due = min(03-06, 02-19) = 02-19; activated 02-27 → 8 days: contractual %i, regulatory %i credited on the first invoice after 2026-04-13',
      (customerType, contractCents, regulatorCents) => {
        const events = play(
          [
            request(FASTWEB, proposal, {
              customer: { subjectId: 's-1', customerType, name: 'Giulia Verdi' },
            }),
            '2026-01-05T10:05:00+01:00',
          ],
          [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
          [activate(FASTWEB, '2026-02-27T09:00:00+01:00'), '2026-02-27T09:05:00+01:00'],
        );
        const checked = one(events, 'TechnicalCheckRecorded');
        expect(checked).toMatchObject({
          outcome: 'positive',
          checkDueAt: '2026-02-04T22:59:59.999Z',
          checkOnTime: true,
          previousActivationDueAt: '2026-03-06T22:59:59.999Z',
          activationDueAt: '2026-02-19T22:59:59.999Z',
          activationDue: { chosen: 'AFTER_POSITIVE_CHECK', dueDate: '2026-02-19' },
        });
        expect(checked.activationDue.candidates.map((c) => [c.basis, c.rule, c.dueDate])).toEqual([
          ['REQUEST_TERM', 'ACT-1', '2026-03-06'],
          ['AFTER_POSITIVE_CHECK', 'ACT-2', '2026-02-19'],
        ]);
        expect(checked.activationDue.summary).toContain('the earlier deadline wins (AMB-8)');
        expect(types(events)).toEqual([
          'ActivationRequested',
          'TechnicalCheckRecorded',
          'ActivationDeadlineMissed',
          'ServiceActivated',
          'ActivationIndemnityAssessed',
        ]);
        expect(one(events, 'ServiceActivated')).toMatchObject({
          activatedAt: '2026-02-27T08:00:00.000Z',
          dueDate: '2026-02-19',
          onTime: false,
          delay: { rule: 'CAL-7', basis: 'CALENDAR_DAYS_AFTER_DUE_DATE', days: 8 },
        });
        expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
          indemnityType: 'ACTIVATION_DELAY',
          policyVersion: 'FASTWEB@cds-2017',
          customerType,
          dueDate: '2026-02-19',
          activatedOn: '2026-02-27',
          daysOfDelay: 8,
          contractual: { daysPaid: 8, capDays: 10, amountCents: contractCents },
          regulatory: { rules: ['EXT-IND-2', 'EXT-IND-8'], amountCents: regulatorCents },
          credit: {
            basis: 'regulator',
            amountCents: regulatorCents,
            applyRegulatoryFloor: true,
            automatic: true,
            awaits: 'nothing',
            onFirstInvoiceIssuedAfter: '2026-04-13',
            rules: ['AMB-17', 'EXT-IND-1'],
          },
          currency: 'EUR',
          status: 'due',
        });
      },
    );

    it('AMB-8: checks positive after their own 30 days (02-20) → due stays 03-06, the earlier of 03-06 and 03-22', () => {
      const events = play(
        [request(FASTWEB, proposal), '2026-01-05T10:05:00+01:00'],
        [check(FASTWEB, '2026-02-20T11:00:00+01:00'), '2026-02-20T11:05:00+01:00'],
      );
      expect(one(events, 'TechnicalCheckRecorded')).toMatchObject({
        checkOnTime: false,
        activationDue: { chosen: 'REQUEST_TERM', dueDate: '2026-03-06' },
      });
      expect(
        one(events, 'TechnicalCheckRecorded').activationDue.candidates.map((c) => c.dueDate),
      ).toEqual(['2026-03-06', '2026-03-22']);
    });

    it('ACT-1: activated on the due day (any hour) is on time and owes nothing', () => {
      const events = play(
        [request(FASTWEB, proposal), '2026-01-05T10:05:00+01:00'],
        [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
        [activate(FASTWEB, '2026-02-19T23:30:00+01:00'), '2026-02-19T23:35:00+01:00'],
      );
      expect(one(events, 'ServiceActivated')).toMatchObject({ onTime: true, delay: { days: 0 } });
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 0,
        contractual: { amountCents: 0 },
        regulatory: { amountCents: 0 },
        credit: { amountCents: 0, onFirstInvoiceIssuedAfter: null },
        status: 'none',
      });
    });

    it('IND-2, AMB-11: 16 days late → contractual capped at 10 days (€50.00), a supervisor task opened; the regulator figure has no cap (16 × €7.50)', () => {
      const events = play(
        [request(FASTWEB, proposal), '2026-01-05T10:05:00+01:00'],
        [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
        [activate(FASTWEB, '2026-03-07T09:00:00+01:00'), '2026-03-07T09:05:00+01:00'],
      );
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 16,
        contractual: { daysPaid: 10, uncappedCents: 8000, amountCents: 5000 },
        regulatory: { amountCents: 12000 },
        credit: { basis: 'regulator', amountCents: 12000 },
      });
      expect(one(events, 'ActivationSupplementaryIndemnityAssessmentRequested')).toEqual({
        activationId: 'a-1',
        subjectId: 's-1',
        daysOfDelay: 16,
        capDays: 10,
      });
    });

    it('EXT-IND-8: a business customer with voice and ultra-broadband internet on one access → €7.50 + 1/3, doubled = €20.00 a day per the regulator', () => {
      const events = play(
        [
          request(FASTWEB, proposal, {
            services: ['voice', 'ultra_broadband'],
            customer: { subjectId: 's-1', customerType: 'business', name: 'Verdi S.r.l.' },
          }),
          '2026-01-05T10:05:00+01:00',
        ],
        [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
        [activate(FASTWEB, '2026-02-21T09:00:00+01:00'), '2026-02-21T09:05:00+01:00'],
      );
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 2,
        contractual: { dailyCents: 1000, amountCents: 2000 },
        regulatory: {
          ultraBroadband: true,
          dailyCents: 2000,
          businessMultiplier: 2,
          amountCents: 4000,
        },
        credit: { basis: 'regulator', amountCents: 4000 },
      });
    });

    it('ACT-3, NTF-3: Fastweb informs the customer of the delay with reasons; the indemnity still runs (informedDelayExempts false)', () => {
      const events = play(
        [request(FASTWEB, proposal), '2026-01-05T10:05:00+01:00'],
        [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
        [
          notice(FASTWEB, {
            informedAt: '2026-02-10T10:00:00+01:00',
            channel: 'sms',
            newActivationDate: '2026-02-27',
          }),
          '2026-02-10T10:05:00+01:00',
        ],
        [activate(FASTWEB, '2026-02-27T09:00:00+01:00'), '2026-02-27T09:05:00+01:00'],
      );
      expect(one(events, 'ActivationDelayNotified')).toMatchObject({
        noticeId: 'n-1',
        channel: 'sms',
        reason: 'Risorse tecniche non disponibili nella centrale',
        newActivationDate: '2026-02-27',
        rules: ['ACT-3', 'NTF-3', 'IND-1'],
        exemption: { rule: 'IND-1', applies: false },
        previousActivationDueAt: '2026-02-19T22:59:59.999Z',
        activationDueAt: '2026-02-19T22:59:59.999Z',
      });
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 8,
        announcedDate: null,
        credit: { amountCents: 6000 },
      });
    });

    it('ACT-3: a Fastweb notice needs its reasons; the updated time is optional ("where possible")', () => {
      const given = play([request(FASTWEB, proposal), '2026-01-05T10:05:00+01:00']);
      spec('2026-02-10T10:05:00+01:00')
        .given(given)
        .when(notice(FASTWEB, { informedAt: '2026-02-10T10:00:00+01:00', reason: ' ' }))
        .thenRefuses({ ruleId: 'ACT-3', details: { field: 'reason' } });
      spec('2026-02-10T10:05:00+01:00')
        .given(given)
        .when(notice(FASTWEB, { informedAt: '2026-02-10T10:00:00+01:00' }))
        .then((events) =>
          expect(one(events, 'ActivationDelayNotified').newActivationDate).toBeNull(),
        );
    });
  });

  describe('AMB-8, ACT-7 — a negative technical check', () => {
    const given = play(
      [request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
      [
        check(
          FASTWEB,
          '2026-01-25T10:00:00+01:00',
          'negative',
          'Nessuna copertura in fibra al civico',
        ),
        '2026-01-25T10:05:00+01:00',
      ],
    );

    it('given a negative check, then no activation deadline remains and the customer is to be told why', () => {
      expect(one(given, 'TechnicalCheckRecorded')).toMatchObject({
        outcome: 'negative',
        reason: 'Nessuna copertura in fibra al civico',
        customerToBeInformed: true,
        activationDueAt: null,
        activationDue: { status: 'NONE', dueAt: null, rules: ['ACT-1', 'ACT-2', 'AMB-8'] },
      });
      expect(stateAfter(given)).toMatchObject({ status: 'not_feasible', activationDueAt: null });
    });

    it('then the service is not activated, and the timer of the old deadline records nothing', () => {
      spec('2026-03-10T10:00:00+01:00')
        .given(given)
        .when(activate(FASTWEB, '2026-03-10T09:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state', details: { status: 'not_feasible' } });
      spec('2026-03-10T10:00:00+01:00')
        .given(given)
        .when({
          type: 'RecordActivationDeadlineMissed',
          activationDueAt: '2026-03-06T22:59:59.999Z',
        })
        .then([]);
    });

    it('refuses a negative check without its reason, and a second check', () => {
      const requested = given.slice(0, 1);
      spec('2026-01-25T10:05:00+01:00')
        .given(requested)
        .when(check(FASTWEB, '2026-01-25T10:00:00+01:00', 'negative', null))
        .thenRefuses({ ruleId: 'AMB-8', details: { field: 'reason' } });
      spec('2026-01-26T10:05:00+01:00')
        .given(
          play(
            [request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
            [check(FASTWEB, '2026-01-20T10:00:00+01:00'), '2026-01-20T10:05:00+01:00'],
          ),
        )
        .when(check(FASTWEB, '2026-01-26T10:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state' });
    });
  });

  describe('ACT-9, AMB-9 — PSA: by the 30th (or 45th) solar day after the completed request', () => {
    const completed = '2026-02-02T10:00:00+01:00';

    it.each([
      [
        'voice + broadband, indirect access',
        ['voice', 'broadband'],
        'indirect',
        'STANDARD',
        '2026-03-04',
      ],
      ['voice only, direct access', ['voice'], 'direct', 'STANDARD', '2026-03-04'],
      ['broadband via direct access', ['broadband'], 'direct', 'STANDARD', '2026-03-04'],
      [
        'broadband via indirect access, no voice',
        ['broadband'],
        'indirect',
        'INDIRECT_BROADBAND',
        '2026-03-19',
      ],
      ['broadband, access not stated', ['broadband'], null, 'STANDARD', '2026-03-04'],
    ] as const)('%s → %s, due %s', (_label, services, access, category, dueDate) => {
      const events = play([
        request(PSA, completed, { services: [...services], access }),
        '2026-02-02T10:05:00+01:00',
      ]);
      expect(one(events, 'ActivationRequested')).toMatchObject({
        term: { category, startsAt: 'REQUEST_COMPLETED', afterPositiveCheck: null },
        activationDue: { dueDate, technicalCheckDue: null },
      });
      expect(one(events, 'ActivationRequested').activationDue.rules).toEqual(
        expect.arrayContaining(['ACT-9', 'AMB-9', 'CAL-2']),
      );
    });

    it('a positive technical check does not move a PSA deadline (no ACT-2 term)', () => {
      const events = play(
        [request(PSA, completed), '2026-02-02T10:05:00+01:00'],
        [check(PSA, '2026-02-05T10:00:00+01:00'), '2026-02-05T10:05:00+01:00'],
      );
      expect(one(events, 'TechnicalCheckRecorded')).toMatchObject({
        checkDueAt: null,
        checkOnTime: null,
        activationDueAt: '2026-03-04T22:59:59.999Z',
      });
    });
  });

  describe('ACT-10, IND-5, AMB-13 — PSA: a delay announced with its date carries no indemnity', () => {
    const completed = '2026-02-02T10:00:00+01:00';
    const psaRequest = request(PSA, completed, { services: ['voice', 'broadband'] });

    it('AS-30: informed on 02-20 that the service can be activated from 03-20 (agreed), activated 03-20 → €0.00', () => {
      const events = play(
        [psaRequest, '2026-02-02T10:05:00+01:00'],
        [
          notice(PSA, { informedAt: '2026-02-20T10:00:00+01:00', newActivationDate: '2026-03-20' }),
          '2026-02-20T10:05:00+01:00',
        ],
        [activate(PSA, '2026-03-20T15:00:00+01:00'), '2026-03-20T15:05:00+01:00'],
      );
      const notified = one(events, 'ActivationDelayNotified');
      expect(notified).toMatchObject({
        newActivationDate: '2026-03-20',
        agreedWithCustomer: true,
        rules: ['ACT-10', 'NTF-3', 'IND-5'],
        exemption: { rule: 'IND-5', applies: true },
        previousActivationDueAt: '2026-03-04T22:59:59.999Z',
        activationDueAt: '2026-03-20T22:59:59.999Z',
        activationDue: { chosen: 'ANNOUNCED_DATE', dueDate: '2026-03-20' },
      });
      expect(notified.activationDue.rules).toEqual(expect.arrayContaining(['ACT-10', 'IND-5']));
      expect(types(events)).not.toContain('ActivationDeadlineMissed');
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        announcedDate: '2026-03-20',
        daysOfDelay: 0,
        contractual: { amountCents: 0 },
        regulatory: { amountCents: 0 },
        credit: { amountCents: 0 },
        status: 'none',
      });
    });

    it('AS-30: with no notice, activated 03-20 → 16 days late: 16 × €2.00 = €32.00 capped at €30.00; regulatory 16 × €7.50 = €120.00 (credited under AMB-17)', () => {
      const events = play(
        [psaRequest, '2026-02-02T10:05:00+01:00'],
        [activate(PSA, '2026-03-20T15:00:00+01:00'), '2026-03-20T15:05:00+01:00'],
      );
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        dueDate: '2026-03-04',
        daysOfDelay: 16,
        contractual: {
          rules: ['CAL-7', 'IND-5'],
          dailyCents: 200,
          capCents: 3000,
          uncappedCents: 3200,
          amountCents: 3000,
        },
        regulatory: { dailyCents: 750, amountCents: 12000 },
        credit: {
          basis: 'regulator',
          amountCents: 12000,
          automatic: true,
          onFirstInvoiceIssuedAfter: '2026-05-04',
        },
        status: 'due',
      });
    });

    it('ACT-10: a PSA notice must state the date from which the service can be activated', () => {
      spec('2026-02-20T10:05:00+01:00')
        .given(play([psaRequest, '2026-02-02T10:05:00+01:00']))
        .when(notice(PSA, { informedAt: '2026-02-20T10:00:00+01:00' }))
        .thenRefuses({ ruleId: 'ACT-10', details: { field: 'newActivationDate' } });
      spec('2026-02-20T10:05:00+01:00')
        .given(play([psaRequest, '2026-02-02T10:05:00+01:00']))
        .when(
          notice(PSA, { informedAt: '2026-02-20T10:00:00+01:00', newActivationDate: '2026-02-19' }),
        )
        .thenRefuses({ ruleId: 'ACT-10', details: { field: 'newActivationDate' } });
    });

    it('IND-5: a notice given after the deadline passed exempts nothing: 16 days late as if uninformed', () => {
      const events = play(
        [psaRequest, '2026-02-02T10:05:00+01:00'],
        [
          notice(PSA, { informedAt: '2026-03-10T10:00:00+01:00', newActivationDate: '2026-03-20' }),
          '2026-03-10T10:05:00+01:00',
        ],
        [activate(PSA, '2026-03-20T15:00:00+01:00'), '2026-03-20T15:05:00+01:00'],
      );
      expect(one(events, 'ActivationDelayNotified')).toMatchObject({
        exemption: { applies: false },
        activationDueAt: '2026-03-04T22:59:59.999Z',
      });
      expect(one(events, 'ActivationDelayNotified').exemption.because).toContain(
        'after the deadline',
      );
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 16,
        contractual: { amountCents: 3000 },
      });
    });

    it('IND-5: missing the announced date too counts the delay from that date (03-20 → 03-25: 5 days, €10.00)', () => {
      const events = play(
        [psaRequest, '2026-02-02T10:05:00+01:00'],
        [
          notice(PSA, { informedAt: '2026-02-20T10:00:00+01:00', newActivationDate: '2026-03-20' }),
          '2026-02-20T10:05:00+01:00',
        ],
        [activate(PSA, '2026-03-25T15:00:00+01:00'), '2026-03-25T15:05:00+01:00'],
      );
      expect(one(events, 'ActivationDeadlineMissed').activationDueAt).toBe(
        '2026-03-20T22:59:59.999Z',
      );
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        announcedDate: '2026-03-20',
        daysOfDelay: 5,
        contractual: { amountCents: 1000 },
        regulatory: { amountCents: 3750 },
      });
    });

    it('ACT-10: a later notice, given before the announced date, moves it again', () => {
      const events = play(
        [psaRequest, '2026-02-02T10:05:00+01:00'],
        [
          notice(PSA, { informedAt: '2026-02-20T10:00:00+01:00', newActivationDate: '2026-03-20' }),
          '2026-02-20T10:05:00+01:00',
        ],
        [
          notice(PSA, {
            noticeId: 'n-2',
            informedAt: '2026-03-18T10:00:00+01:00',
            newActivationDate: '2026-03-27',
          }),
          '2026-03-18T10:05:00+01:00',
        ],
      );
      expect(dueOf(events)).toBe('2026-03-27T22:59:59.999Z');
    });
  });

  describe('IND-7, AMB-37 — PSA: the contractual figure waits for a written report', () => {
    const noFloor: ActivationPolicy = {
      ...PSA,
      indemnity: { ...PSA.indemnity, applyRegulatoryFloor: false },
    };
    const assessed = play(
      [request(noFloor, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00'],
      [activate(noFloor, '2026-03-10T15:00:00+01:00'), '2026-03-10T15:05:00+01:00'],
    );

    it('given no regulatory floor, then €12.00 (6 × €2.00) is assessed awaiting the written report; the regulator figure is shown beside it', () => {
      expect(one(assessed, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 6,
        contractual: { amountCents: 1200 },
        regulatory: { amountCents: 4500 },
        credit: {
          basis: 'contract',
          amountCents: 1200,
          applyRegulatoryFloor: false,
          payout: 'AUTOMATIC_AFTER_WRITTEN_REPORT',
          automatic: false,
          awaits: 'written_report',
          onFirstInvoiceIssuedAfter: null,
          rules: ['IND-7', 'AMB-37'],
        },
        status: 'awaiting_claim',
      });
    });

    it('when the customer reports by e-mail, then the claim releases the credit; a phone call is not a written report', () => {
      spec('2026-03-12T10:05:00+01:00')
        .given(assessed)
        .when({
          type: 'RecordIndemnityClaim',
          policy: noFloor,
          claimedAt: '2026-03-12T10:00:00+01:00',
          channel: 'email',
        })
        .then([
          {
            type: 'IndemnityClaimRecorded',
            data: {
              activationId: 'a-1',
              subjectId: 's-1',
              claimedAt: '2026-03-12T09:00:00.000Z',
              channel: 'email',
              rule: 'IND-7',
              amountCents: 1200,
              onFirstInvoiceIssuedAfter: '2026-03-12',
            },
          },
        ]);
      spec('2026-03-12T10:05:00+01:00')
        .given(assessed)
        .when({
          type: 'RecordIndemnityClaim',
          policy: noFloor,
          claimedAt: '2026-03-12T10:00:00+01:00',
          channel: 'phone',
        })
        .thenRefuses({ ruleId: 'IND-7', details: { field: 'channel' } });
    });

    it('IND-4: a regulator-automatic credit awaits no claim', () => {
      const events = play(
        [request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00'],
        [activate(PSA, '2026-03-10T15:00:00+01:00'), '2026-03-10T15:05:00+01:00'],
      );
      spec('2026-03-12T10:05:00+01:00')
        .given(events)
        .when({
          type: 'RecordIndemnityClaim',
          policy: PSA,
          claimedAt: '2026-03-12T10:00:00+01:00',
          channel: 'email',
        })
        .thenRefuses({ kind: 'conflicting_state', details: { indemnity: 'due' } });
    });
  });

  describe('IND-4, AMB-12 — Fastweb: the contractual figure is always computed; the payout flag decides', () => {
    const steps = (policy: ActivationPolicy): Step[] => [
      [request(policy, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
      [check(policy, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
      [activate(policy, '2026-02-27T09:00:00+01:00'), '2026-02-27T09:05:00+01:00'],
    ];

    it('AMB-12: with payout AUTOMATIC and no regulatory floor, €40.00 is credited without a request on the next invoice', () => {
      const automatic: ActivationPolicy = {
        ...FASTWEB,
        indemnity: { ...FASTWEB.indemnity, applyRegulatoryFloor: false },
      };
      expect(one(play(...steps(automatic)), 'ActivationIndemnityAssessed')).toMatchObject({
        regulatory: { amountCents: 6000 },
        credit: {
          basis: 'contract',
          amountCents: 4000,
          payout: 'AUTOMATIC',
          automatic: true,
          awaits: 'nothing',
          onFirstInvoiceIssuedAfter: '2026-02-27',
          rules: ['IND-4', 'AMB-12'],
        },
        status: 'due',
      });
    });

    it('IND-4: with payout ON_REQUEST (the Carta as written), the credit waits for the customer’s request, on any channel', () => {
      const onRequest: ActivationPolicy = {
        ...FASTWEB,
        indemnity: {
          ...FASTWEB.indemnity,
          applyRegulatoryFloor: false,
          payout: { ...FASTWEB.indemnity.payout, mode: 'ON_REQUEST', rules: ['IND-4'] },
        },
      };
      const assessed = play(...steps(onRequest));
      expect(one(assessed, 'ActivationIndemnityAssessed')).toMatchObject({
        credit: { awaits: 'customer_request', automatic: false, onFirstInvoiceIssuedAfter: null },
        status: 'awaiting_claim',
      });
      spec('2026-03-02T10:05:00+01:00')
        .given(assessed)
        .when({
          type: 'RecordIndemnityClaim',
          policy: onRequest,
          claimedAt: '2026-03-02T10:00:00+01:00',
          channel: 'phone',
        })
        .then((events) =>
          expect(one(events, 'IndemnityClaimRecorded')).toMatchObject({
            rule: 'IND-4',
            amountCents: 4000,
            onFirstInvoiceIssuedAfter: '2026-03-02',
          }),
        );
    });
  });

  describe('ACT-7, ACT-9, AMB-8 — relocation (trasloco)', () => {
    it('PSA: a relocation is due on the 30th solar day; late → €2.00 a day (IND-5) and the regulator figure for relocation', () => {
      const events = play(
        [
          request(PSA, '2026-04-01T10:00:00+02:00', { requestKind: 'relocation' }),
          '2026-04-01T10:05:00+02:00',
        ],
        [activate(PSA, '2026-05-04T10:00:00+02:00'), '2026-05-04T10:05:00+02:00'],
      );
      expect(one(events, 'ActivationRequested')).toMatchObject({
        requestKind: 'relocation',
        term: { category: 'RELOCATION', days: 30, rule: 'ACT-9' },
        activationDue: { dueDate: '2026-05-01' },
      });
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        requestKind: 'relocation',
        daysOfDelay: 3,
        contractual: { rules: ['CAL-7', 'IND-5'], amountCents: 600 },
        regulatory: { amountCents: 2250 },
      });
    });

    it('Fastweb: the term of the relocation form is recorded on the request and a delay is indemnified as an activation', () => {
      const events = play(
        [
          request(FASTWEB, '2026-04-01T10:00:00+02:00', {
            requestKind: 'relocation',
            relocationFormTermDays: 20,
          }),
          '2026-04-01T10:05:00+02:00',
        ],
        [activate(FASTWEB, '2026-04-24T10:00:00+02:00'), '2026-04-24T10:05:00+02:00'],
      );
      expect(one(events, 'ActivationRequested')).toMatchObject({
        term: {
          category: 'RELOCATION_FORM',
          startsAt: 'RELOCATION_REQUESTED',
          days: 20,
          rule: 'ACT-7',
          afterPositiveCheck: null,
        },
        activationDue: { dueDate: '2026-04-21', rules: ['ACT-7', 'AMB-8', 'CAL-1', 'CAL-2'] },
      });
      expect(one(events, 'ActivationIndemnityAssessed')).toMatchObject({
        daysOfDelay: 3,
        contractual: { rules: ['CAL-7', 'IND-1', 'IND-2', 'AMB-11', 'AMB-8'], amountCents: 1500 },
      });
    });

    it('ACT-7: a negative check on a relocation is communicated with its reason; no deadline remains', () => {
      const given = play([
        request(FASTWEB, '2026-04-01T10:00:00+02:00', {
          requestKind: 'relocation',
          relocationFormTermDays: 20,
        }),
        '2026-04-01T10:05:00+02:00',
      ]);
      spec('2026-04-05T10:05:00+02:00')
        .given(given)
        .when(check(FASTWEB, '2026-04-05T10:00:00+02:00', 'negative'))
        .thenRefuses({ ruleId: 'ACT-7', details: { field: 'reason' } });
      spec('2026-04-05T10:05:00+02:00')
        .given(given)
        .when(check(FASTWEB, '2026-04-05T10:00:00+02:00', 'negative', 'Indirizzo non coperto'))
        .then((events) =>
          expect(one(events, 'TechnicalCheckRecorded')).toMatchObject({
            customerToBeInformed: true,
            checkDueAt: null,
            activationDueAt: null,
          }),
        );
    });

    it('refuses a Fastweb relocation without the form term, and a form term where the policy sets one', () => {
      spec('2026-04-01T10:05:00+02:00')
        .given([])
        .when(request(FASTWEB, '2026-04-01T10:00:00+02:00', { requestKind: 'relocation' }))
        .thenRefuses({ ruleId: 'AMB-8', details: { field: 'relocationFormTermDays' } });
      spec('2026-04-01T10:05:00+02:00')
        .given([])
        .when(
          request(PSA, '2026-04-01T10:00:00+02:00', {
            requestKind: 'relocation',
            relocationFormTermDays: 20,
          }),
        )
        .thenRefuses({ ruleId: 'ACT-9', details: { field: 'relocationFormTermDays' } });
    });
  });

  describe('CAL-8 — pausing the activation clock (solar days paused whole move the due date)', () => {
    const completed = '2026-02-02T10:00:00+01:00';

    it('given the customer asks to postpone 02-10 00:00 → 02-13 00:00, then three whole days are skipped: due 03-07 instead of 03-04', () => {
      const events = play(
        [request(PSA, completed), '2026-02-02T10:05:00+01:00'],
        [
          pause(PSA, {
            pauseId: 'p-1',
            from: '2026-02-10T00:00:00+01:00',
            to: '2026-02-13T00:00:00+01:00',
          }),
          '2026-02-13T09:00:00+01:00',
        ],
      );
      expect(one(events, 'ActivationClockPaused')).toMatchObject({
        pause: { pauseId: 'p-1', kind: 'WAITING_ON_CUSTOMER', recordedBy: 'op-1' },
        previousActivationDueAt: '2026-03-04T22:59:59.999Z',
        activationDueAt: '2026-03-07T22:59:59.999Z',
        activationDue: {
          unpausedDueAt: '2026-03-04T22:59:59.999Z',
          candidates: [{ pausedDays: 3 }],
        },
      });
      expect(one(events, 'ActivationClockPaused').activationDue.rules).toContain('CAL-8');
    });

    it('a running pause suspends the clock; resuming sets the new deadline; partly paused days still count', () => {
      const events = play(
        [request(PSA, completed), '2026-02-02T10:05:00+01:00'],
        [
          pause(PSA, { pauseId: 'p-1', from: '2026-02-10T12:00:00+01:00' }),
          '2026-02-10T12:05:00+01:00',
        ],
      );
      expect(one(events, 'ActivationClockPaused')).toMatchObject({
        activationDueAt: null,
        activationDue: { status: 'SUSPENDED', pausedSince: '2026-02-10T11:00:00.000Z' },
      });
      const resumed = play(
        [request(PSA, completed), '2026-02-02T10:05:00+01:00'],
        [
          pause(PSA, { pauseId: 'p-1', from: '2026-02-10T12:00:00+01:00' }),
          '2026-02-10T12:05:00+01:00',
        ],
        [
          { type: 'ResumeActivationClock', pauseId: 'p-1', resumedAt: '2026-02-12T09:00:00+01:00' },
          '2026-02-12T09:05:00+01:00',
        ],
      );
      // 02-10 and 02-12 are partly paused and count; only 02-11 was paused whole.
      expect(dueOf(resumed)).toBe('2026-03-05T22:59:59.999Z');
    });

    it('AMB-8 with a pause: both Fastweb terms move by the whole days paused before they end', () => {
      const events = play(
        [request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
        [check(FASTWEB, '2026-01-20T11:00:00+01:00'), '2026-01-20T11:05:00+01:00'],
        [
          pause(FASTWEB, {
            pauseId: 'p-1',
            kind: 'THIRD_PARTY_OR_AUTHORITY',
            reason: 'Permesso comunale di scavo in attesa',
            from: '2026-02-01T00:00:00+01:00',
            to: '2026-02-03T00:00:00+01:00',
          }),
          '2026-02-03T09:00:00+01:00',
        ],
      );
      expect(
        one(events, 'ActivationClockPaused').activationDue.candidates.map((c) => c.dueDate),
      ).toEqual(['2026-03-08', '2026-02-21']);
      expect(dueOf(events)).toBe('2026-02-21T22:59:59.999Z');
    });

    it('refuses a force-majeure pause without evidence, and a late pause without a supervisor’s approval', () => {
      const given = play([request(PSA, completed), '2026-02-02T10:05:00+01:00']);
      spec('2026-02-10T12:05:00+01:00')
        .given(given)
        .when(
          pause(PSA, { pauseId: 'p-1', kind: 'FORCE_MAJEURE', from: '2026-02-10T12:00:00+01:00' }),
        )
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'evidenceRef' } });
      const late = pause(PSA, {
        pauseId: 'p-1',
        from: '2026-02-10T00:00:00+01:00',
        to: '2026-02-13T00:00:00+01:00',
      });
      spec('2026-03-06T10:00:00+01:00')
        .given(given)
        .when(late)
        .thenRefuses({ ruleId: 'CAL-8', details: { field: 'approval' } });
      spec('2026-03-06T10:00:00+01:00', supervisor)
        .given(given)
        .when({ ...late, approval: { reason: 'Rinvio chiesto per iscritto dal cliente' } })
        .then((events) => {
          expect(types(events)).toEqual(['ActivationLatePauseApproved', 'ActivationClockPaused']);
          expect(one(events, 'ActivationClockPaused').activationDueAt).toBe(
            '2026-03-07T22:59:59.999Z',
          );
        });
    });

    it('activating during a running pause ends it at the activation', () => {
      const events = play(
        [request(PSA, completed), '2026-02-02T10:05:00+01:00'],
        [
          pause(PSA, { pauseId: 'p-1', from: '2026-02-10T12:00:00+01:00' }),
          '2026-02-10T12:05:00+01:00',
        ],
        [activate(PSA, '2026-02-20T10:00:00+01:00'), '2026-02-20T10:05:00+01:00'],
      );
      expect(types(events)).toEqual([
        'ActivationRequested',
        'ActivationClockPaused',
        'ActivationClockResumed',
        'ServiceActivated',
        'ActivationIndemnityAssessed',
      ]);
      expect(one(events, 'ServiceActivated').onTime).toBe(true);
    });
  });

  describe('the deadline timer (ActivationDeadlineMissed)', () => {
    const given = play([request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00']);
    const missed: ActivationCommand = {
      type: 'RecordActivationDeadlineMissed',
      activationDueAt: '2026-03-04T22:59:59.999Z',
    };

    it('records the miss only after the due instant, once, and only for the current deadline', () => {
      spec('2026-03-04T22:00:00Z').given(given).when(missed).then([]);
      spec('2026-03-05T00:00:00+01:00')
        .given(given)
        .when(missed)
        .then([
          {
            type: 'ActivationDeadlineMissed',
            data: {
              activationId: 'a-1',
              subjectId: 's-1',
              activationDueAt: '2026-03-04T22:59:59.999Z',
            },
          },
        ]);
      const once = play(
        [request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00'],
        [missed, '2026-03-05T08:00:00+01:00'],
      );
      spec('2026-03-05T09:00:00+01:00').given(once).when(missed).then([]);
      spec('2026-03-05T09:00:00+01:00')
        .given(given)
        .when({ ...missed, activationDueAt: '2026-03-03T22:59:59.999Z' })
        .then([]);
      spec('2026-03-05T09:00:00+01:00').given([]).when(missed).then([]);
      // Activated late, the miss is recorded once, not again by the timer.
      expect(
        types(
          play(
            [request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00'],
            [missed, '2026-03-05T08:00:00+01:00'],
            [activate(PSA, '2026-03-06T10:00:00+01:00'), '2026-03-06T10:05:00+01:00'],
            [missed, '2026-03-06T11:00:00+01:00'],
          ),
        ).filter((t) => t === 'ActivationDeadlineMissed'),
      ).toHaveLength(1);
    });

    it('a request entered after its deadline passed is missed at once', () => {
      spec('2026-03-10T10:00:00+01:00')
        .given([])
        .when(request(PSA, '2026-02-02T10:00:00+01:00'))
        .then((events) =>
          expect(types(events)).toEqual(['ActivationRequested', 'ActivationDeadlineMissed']),
        );
    });
  });

  describe('ACT-4, ACT-5 — a request ends without activation', () => {
    const given = play([
      request(FASTWEB, '2026-01-05T10:00:00+01:00'),
      '2026-01-05T10:05:00+01:00',
    ]);

    it('ACT-4: the customer revokes the proposal before conclusion; nothing more is owed', () => {
      const events = play(
        [request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
        [
          {
            type: 'CancelActivationRequest',
            reason: 'revoked_by_customer',
            note: 'Raccomandata di revoca ricevuta',
          },
          '2026-01-10T10:00:00+01:00',
        ],
      );
      expect(one(events, 'ActivationRequestCancelled')).toEqual({
        activationId: 'a-1',
        subjectId: 's-1',
        reason: 'revoked_by_customer',
        rule: 'ACT-4',
        note: 'Raccomandata di revoca ricevuta',
        cancelledAt: '2026-01-10T09:00:00.000Z',
        cancelledBy: 'op-1',
      });
      spec('2026-03-10T10:00:00+01:00')
        .given(events)
        .when({
          type: 'RecordActivationDeadlineMissed',
          activationDueAt: '2026-03-06T22:59:59.999Z',
        })
        .then([]);
    });

    it('ACT-5: a refusal states its grounds; an activated request cannot be revoked', () => {
      spec('2026-01-10T10:00:00+01:00')
        .given(given)
        .when({ type: 'CancelActivationRequest', reason: 'refused_by_operator', note: '' })
        .thenRefuses({ ruleId: 'ACT-5', details: { field: 'note' } });
      const activated = play(
        [request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00'],
        [activate(FASTWEB, '2026-01-20T10:00:00+01:00'), '2026-01-20T10:05:00+01:00'],
      );
      spec('2026-01-21T10:00:00+01:00')
        .given(activated)
        .when({ type: 'CancelActivationRequest', reason: 'revoked_by_customer', note: 'Revoca' })
        .thenRefuses({ kind: 'conflicting_state', details: { status: 'activated' } });
    });
  });

  describe('refusals', () => {
    it('refuses a request in the future, without an offset, without services, or twice', () => {
      spec('2026-01-05T08:00:00Z')
        .given([])
        .when(request(FASTWEB, '2026-01-05T10:00:00+01:00'))
        .thenRefuses({ ruleId: 'ACT-1', details: { field: 'receivedAt' } });
      spec('2026-01-06T08:00:00Z')
        .given([])
        .when(request(PSA, '2026-01-05T10:00:00'))
        .thenRefuses({ ruleId: 'ACT-9', details: { field: 'receivedAt' } });
      spec('2026-01-06T08:00:00Z')
        .given([])
        .when(request(PSA, '2026-01-05T10:00:00Z', { services: [] }))
        .thenRefuses({ ruleId: 'ACT-9', details: { field: 'services' } });
      spec('2026-01-06T08:00:00Z')
        .given(play([request(PSA, '2026-01-05T10:00:00Z'), '2026-01-05T10:05:00Z']))
        .when(request(PSA, '2026-01-05T10:00:00Z'))
        .thenRefuses({ kind: 'conflicting_state' });
    });

    it('CAL-9: refuses figures from a policy version other than the pinned one', () => {
      spec('2026-01-20T10:05:00+01:00')
        .given(play([request(FASTWEB, '2026-01-05T10:00:00+01:00'), '2026-01-05T10:05:00+01:00']))
        .when(activate({ ...FASTWEB, version: 'FASTWEB@2030' }, '2026-01-20T10:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state', ruleId: 'CAL-9' });
    });

    it('refuses an activation before the request or in the future, and a second activation', () => {
      const given = play([request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00']);
      spec('2026-02-10T10:00:00+01:00')
        .given(given)
        .when(activate(PSA, '2026-02-01T10:00:00+01:00'))
        .thenRefuses({ ruleId: 'ACT-9', details: { field: 'activatedAt' } });
      spec('2026-02-10T10:00:00+01:00')
        .given(given)
        .when(activate(PSA, '2026-02-11T10:00:00+01:00'))
        .thenRefuses({ ruleId: 'ACT-9', details: { field: 'activatedAt' } });
      spec('2026-02-11T10:00:00+01:00')
        .given(
          play(
            [request(PSA, '2026-02-02T10:00:00+01:00'), '2026-02-02T10:05:00+01:00'],
            [activate(PSA, '2026-02-10T10:00:00+01:00'), '2026-02-10T10:05:00+01:00'],
          ),
        )
        .when(activate(PSA, '2026-02-11T10:00:00+01:00'))
        .thenRefuses({ kind: 'conflicting_state' });
    });

    it('refuses every command on a request that was never recorded', () => {
      spec('2026-02-10T10:00:00+01:00')
        .given([])
        .when(activate(PSA, '2026-02-10T09:00:00+01:00'))
        .thenRefuses({ kind: 'not_found' });
    });
  });
});
