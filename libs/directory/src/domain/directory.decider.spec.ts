import { DecisionContext, fold } from '@sportello/decider';
import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FASTWEB_DIRECTORY, PSA_DIRECTORY } from '../testing/directory-policies.fixture';
import { DirectoryCommand, ReportDirectoryError } from './directory.commands';
import { directoryDecider } from './directory.decider';
import { CustomerType, DirectoryEvent } from './directory.events';
import { DirectoryPolicy } from './directory.policy';
import { startedYears } from './directory-indemnity';

const FASTWEB = FASTWEB_DIRECTORY;
const PSA = PSA_DIRECTORY;
type Actor = DecisionContext['actor'];
const operator: Actor = { id: 'op-1', roles: ['operator'] };
const spec = (now: string) => deciderSpec(directoryDecider, { now, actor: operator });

const REQUESTED = { name: 'Rossi Mario', number: '011 1234567', address: 'Via Po 3, Torino' };

function report(
  policy: DirectoryPolicy,
  p: Partial<ReportDirectoryError> = {},
  customerType: CustomerType = 'residential',
): ReportDirectoryError {
  return {
    type: 'ReportDirectoryError',
    errorId: 'd-1',
    reference: 'DE-2026-TEST0001',
    policy,
    customer: { subjectId: 's-1', customerType, name: 'Mario Rossi' },
    lineId: 'LINE-0001',
    medium: 'printed_directory',
    requested: { publish: true, basis: 'customer_request', listing: REQUESTED },
    published: { ...REQUESTED, number: '011 7654321' },
    erroneousSince: '2025-03-01',
    discoveredOn: '2026-02-20',
    reportedAt: '2026-02-20T10:00:00+01:00',
    channel: 'phone',
    ...p,
  };
}
const attribute = (
  policy: DirectoryPolicy,
  attributable = true,
  reason = 'Dato inserito male dal back office',
): DirectoryCommand => ({ type: 'DecideDirectoryErrorAttribution', policy, attributable, reason });
const correct = (policy: DirectoryPolicy, correctedOn: string): DirectoryCommand => ({
  type: 'RecordListingCorrection',
  policy,
  correctedOn,
});

type Step = [command: DirectoryCommand, now: string];
function play(...steps: Step[]): DirectoryEvent[] {
  const events: DirectoryEvent[] = [];
  for (const [command, now] of steps) {
    events.push(
      ...directoryDecider.decide(command, fold(directoryDecider, events), {
        now,
        actor: operator,
      }),
    );
  }
  return events;
}
type DataOf<T extends DirectoryEvent['type']> = Extract<DirectoryEvent, { type: T }>['data'];
function one<T extends DirectoryEvent['type']>(events: DirectoryEvent[], type: T): DataOf<T> {
  const found = events.filter((e): e is Extract<DirectoryEvent, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0].data as DataOf<T>;
}

describe('directory errors', () => {
  describe('AS-28, IND-3, DIR-4, EXT-IND-6 — Fastweb: a wrong number listed for 12 months', () => {
    it.each([
      ['residential', 2500, 20000, 1],
      ['business', 5000, 80000, 4],
    ] as const)(
      '%s: flat %i cents, whatever the duration; regulatory reference %i cents for one year',
      (customerType, flatCents, referenceCents, multiplier) => {
        const events = play(
          [report(FASTWEB, {}, customerType), '2026-02-20T10:05:00+01:00'],
          [correct(FASTWEB, '2026-03-01'), '2026-03-01T09:00:00+01:00'],
          [attribute(FASTWEB), '2026-03-05T09:00:00+01:00'],
        );
        expect(one(events, 'DirectoryErrorReported')).toMatchObject({
          errorId: 'd-1',
          operator: 'FASTWEB',
          policyVersion: 'FASTWEB@cds-2017',
          customer: { subjectId: 's-1', customerType, name: 'Mario Rossi' },
          medium: 'printed_directory',
          errorKind: 'WRONG_DATA',
          wrongFields: ['number'],
          erroneousSince: '2025-03-01',
          reportedAt: '2026-02-20T09:00:00.000Z',
          rules: ['DIR-1', 'DIR-6'],
        });
        expect(one(events, 'DirectoryErrorAttributionDecided')).toMatchObject({
          attributable: true,
          reason: 'Dato inserito male dal back office',
          decidedBy: 'op-1',
        });
        expect(one(events, 'DirectoryErrorIndemnityAssessed')).toEqual({
          errorId: 'd-1',
          subjectId: 's-1',
          indemnityType: 'DIRECTORY_ERROR',
          policyVersion: 'FASTWEB@cds-2017',
          customerType,
          contractual: {
            rules: ['IND-3', 'DIR-4'],
            clause: 'FW-CDS §5.3; FW-CGC 9.1',
            flatCents,
            amountCents: flatCents,
          },
          regulatoryReference: {
            rules: ['EXT-IND-6', 'EXT-IND-8'],
            clause: 'AGCOM 347/18/CONS Annex A art. 11, art. 13',
            from: '2025-03-01',
            to: '2026-03-01',
            until: 'corrected',
            years: 1,
            proration: 'STARTED_YEARS',
            centsPerYear: 20000,
            multiplier,
            amountCents: referenceCents,
          },
          creditedCents: flatCents,
          currency: 'EUR',
          status: 'due',
          rules: ['DIR-6', 'IND-3', 'DIR-4', 'EXT-IND-6', 'EXT-IND-8', 'IND-12'],
          summary: expect.stringContaining('whatever the duration'),
        });
      },
    );

    it('IND-3: the flat figure does not grow with the duration; the regulatory reference counts started years', () => {
      const long = play(
        [report(FASTWEB, { erroneousSince: '2024-01-10' }), '2026-02-20T10:05:00+01:00'],
        [correct(FASTWEB, '2026-03-01'), '2026-03-01T09:00:00+01:00'],
        [attribute(FASTWEB), '2026-03-05T09:00:00+01:00'],
      );
      expect(one(long, 'DirectoryErrorIndemnityAssessed')).toMatchObject({
        contractual: { amountCents: 2500 },
        regulatoryReference: { years: 3, amountCents: 60000 },
      });
      expect(startedYears('2025-03-01', '2025-06-01')).toBe(1);
      expect(startedYears('2025-03-01', '2026-03-02')).toBe(2);
      expect(startedYears('2024-02-29', '2025-02-28')).toBe(1);
    });
  });

  describe('DIR-6 — computed once, when attribution is confirmed', () => {
    it('given attribution before the correction, then the reference runs to the assessment day and is updated at the correction', () => {
      const events = play(
        [report(FASTWEB), '2026-02-20T10:05:00+01:00'],
        [attribute(FASTWEB), '2026-02-25T09:00:00+01:00'],
        [correct(FASTWEB, '2026-04-10'), '2026-04-10T09:00:00+02:00'],
      );
      expect(one(events, 'DirectoryErrorIndemnityAssessed').regulatoryReference).toMatchObject({
        to: '2026-02-25',
        until: 'assessed',
        years: 1,
      });
      expect(one(events, 'DirectoryListingCorrected')).toMatchObject({
        correctedOn: '2026-04-10',
        regulatoryReference: { to: '2026-04-10', until: 'corrected', years: 2, amountCents: 40000 },
      });
    });

    it('given an error not attributable to the operator, then nothing is owed', () => {
      const events = play(
        [report(FASTWEB), '2026-02-20T10:05:00+01:00'],
        [
          attribute(FASTWEB, false, 'Dati errati forniti dal cliente nel modulo'),
          '2026-02-25T09:00:00+01:00',
        ],
      );
      expect(events.map((e) => e.type)).toEqual([
        'DirectoryErrorReported',
        'DirectoryErrorAttributionDecided',
      ]);
      spec('2026-03-01T09:00:00+01:00')
        .given(events)
        .when(correct(FASTWEB, '2026-03-01'))
        .then((corrected) =>
          expect(one(corrected, 'DirectoryListingCorrected').regulatoryReference).toBeNull(),
        );
    });

    it('refuses a second attribution (once per error), one without a reason, and figures from another policy version', () => {
      const assessed = play(
        [report(FASTWEB), '2026-02-20T10:05:00+01:00'],
        [attribute(FASTWEB), '2026-02-25T09:00:00+01:00'],
      );
      spec('2026-02-26T09:00:00+01:00')
        .given(assessed)
        .when(attribute(FASTWEB))
        .thenRefuses({ kind: 'conflicting_state', details: { attributable: true } });
      spec('2026-02-26T09:00:00+01:00')
        .given(assessed.slice(0, 1))
        .when(attribute(FASTWEB, true, ' '))
        .thenRefuses({ ruleId: 'DIR-6', details: { field: 'reason' } });
      spec('2026-02-26T09:00:00+01:00')
        .given(assessed.slice(0, 1))
        .when(attribute({ ...FASTWEB, version: 'FASTWEB@2030' }))
        .thenRefuses({ ruleId: 'CAL-9' });
    });
  });

  describe('DIR-1 — the listing as requested against the listing as published', () => {
    it('given no form returned for a new number, then any publication is an error', () => {
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(report(FASTWEB, { requested: { publish: false, basis: 'no_form_returned' } }))
        .then((events) =>
          expect(one(events, 'DirectoryErrorReported')).toMatchObject({
            requested: { publish: false, basis: 'no_form_returned' },
            errorKind: 'PUBLISHED_WITHOUT_REQUEST',
          }),
        );
    });

    it('given a listing kept from the previous operator (portability, no form) that was dropped, then the error is an omission', () => {
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(
          report(FASTWEB, {
            medium: 'online_search',
            requested: { publish: true, basis: 'previous_operator_choice', listing: REQUESTED },
            published: null,
          }),
        )
        .then((events) =>
          expect(one(events, 'DirectoryErrorReported')).toMatchObject({
            errorKind: 'OMITTED',
            medium: 'online_search',
            published: null,
          }),
        );
    });

    it('compares listings ignoring spacing and case; a matching listing, or nothing requested and nothing published, is no error', () => {
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(
          report(FASTWEB, {
            published: { name: 'ROSSI  Mario', number: '0111234567', address: 'via po 3, torino' },
          }),
        )
        .thenRefuses({ ruleId: 'DIR-6', details: { field: 'published' } });
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(
          report(FASTWEB, {
            requested: { publish: false, basis: 'customer_refused' },
            published: null,
          }),
        )
        .thenRefuses({ ruleId: 'DIR-1', details: { field: 'published' } });
    });

    it('refuses a discovery before the error or in the future, and a report in the future', () => {
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(report(FASTWEB, { discoveredOn: '2025-02-01' }))
        .thenRefuses({ details: { field: 'discoveredOn' } });
      spec('2026-02-20T10:05:00+01:00')
        .given([])
        .when(report(FASTWEB, { discoveredOn: '2026-02-21' }))
        .thenRefuses({ details: { field: 'discoveredOn' } });
      spec('2026-02-20T08:00:00+01:00')
        .given([])
        .when(report(FASTWEB))
        .thenRefuses({ details: { field: 'reportedAt' } });
    });
  });

  describe('IND-12, EXT-IND-6 — PSA sets no directory-error figure ("—")', () => {
    it('given an attributable error, then no contractual amount is credited and the regulatory reference is shown', () => {
      const events = play(
        [report(PSA, {}, 'business'), '2026-02-20T10:05:00+01:00'],
        [correct(PSA, '2026-03-01'), '2026-03-01T09:00:00+01:00'],
        [attribute(PSA), '2026-03-05T09:00:00+01:00'],
      );
      expect(one(events, 'DirectoryErrorIndemnityAssessed')).toMatchObject({
        policyVersion: 'PSA@cds',
        contractual: null,
        regulatoryReference: { years: 1, multiplier: 4, amountCents: 80000 },
        creditedCents: 0,
        status: 'none',
        rules: ['DIR-6', 'EXT-IND-6', 'EXT-IND-8', 'IND-12'],
      });
    });
  });

  it('refuses commands on an error never reported, and a second report or correction', () => {
    spec('2026-03-01T09:00:00+01:00')
      .given([])
      .when(correct(FASTWEB, '2026-03-01'))
      .thenRefuses({ kind: 'not_found' });
    const corrected = play(
      [report(FASTWEB), '2026-02-20T10:05:00+01:00'],
      [correct(FASTWEB, '2026-03-01'), '2026-03-01T09:00:00+01:00'],
    );
    spec('2026-03-02T09:00:00+01:00')
      .given(corrected)
      .when(correct(FASTWEB, '2026-03-02'))
      .thenRefuses({ kind: 'conflicting_state' });
    spec('2026-03-02T09:00:00+01:00')
      .given(corrected)
      .when(report(FASTWEB))
      .thenRefuses({ kind: 'conflicting_state' });
  });
});
