import { privacyPolicyWith, shippedPrivacyPolicy } from '../testing/privacy-policy.fixture';
import { legalHoldsOf } from './legal-holds';
import { FactEvent, streamFacts } from './subject-streams';
import { operatorOfPolicyVersion } from './privacy-policy';

const at = (type: string, occurredAt: string, policyVersion = 'FASTWEB@cds-2017'): FactEvent => ({
  type,
  occurredAt,
  policyVersion,
});
const facts = (
  policy = shippedPrivacyPolicy(),
  stream: string,
  events: FactEvent[],
  openItems: string[] = [],
) => streamFacts(policy, stream, events, operatorOfPolicyVersion, openItems);
const NOW = '2026-06-01T10:00:00.000Z';

describe('legal holds (PRV-10)', () => {
  const policy = shippedPrivacyPolicy();

  it('an open complaint holds the subject, with its reason; closed, it does not', () => {
    const open = facts(policy, 'complaint-1', [at('ComplaintFiled', '2026-03-01T09:00:00Z')]);
    expect(legalHoldsOf(policy, [open], NOW)).toEqual([
      {
        holdId: 'open-complaint',
        reason:
          'A complaint not yet closed is a dispute in progress: its data are needed to settle it',
        ruleIds: ['PRV-10'],
        streams: ['complaint-1'],
        until: null,
      },
    ]);
    const closed = facts(policy, 'complaint-1', [
      at('ComplaintFiled', '2026-03-01T09:00:00Z'),
      at('ComplaintClosed', '2026-04-01T09:00:00Z'),
    ]);
    expect(legalHoldsOf(policy, [closed], NOW)).toEqual([]);
  });

  it('a reopened fault is open again', () => {
    const reopened = facts(policy, 'fault-1', [
      at('FaultReported', '2026-03-01T09:00:00Z'),
      at('FaultClosed', '2026-03-02T09:00:00Z'),
      at('FaultReopened', '2026-03-03T09:00:00Z'),
    ]);
    expect(legalHoldsOf(policy, [reopened], NOW).map((h) => h.holdId)).toEqual(['open-fault']);
  });

  it.each([
    ['activation-1', 'ActivationRequested', 'ServiceActivated', 'open-activation'],
    ['activation-2', 'ActivationRequested', 'ActivationRequestCancelled', 'open-activation'],
    [
      'maintenance-window-1',
      'MaintenanceWindowRegistered',
      'MaintenanceEnded',
      'open-maintenance-window',
    ],
    [
      'maintenance-window-2',
      'MaintenanceWindowRegistered',
      'MaintenanceWindowCancelled',
      'open-maintenance-window',
    ],
    [
      'directory-error-1',
      'DirectoryErrorReported',
      'DirectoryListingCorrected',
      'open-directory-error',
    ],
    ['assistance-1', 'AssistanceTicketOpened', 'AssistanceTicketClosed', 'open-assistance'],
  ])('%s: held as %s until %s', (stream, opened, closing, holdId) => {
    const open = facts(policy, stream, [at(opened, '2026-03-01T09:00:00Z')]);
    expect(legalHoldsOf(policy, [open], NOW).map((h) => [h.holdId, h.streams])).toEqual([
      [holdId, [stream]],
    ]);
    const closed = facts(policy, stream, [
      at(opened, '2026-03-01T09:00:00Z'),
      at(closing, '2026-03-02T09:00:00Z'),
    ]);
    expect(closed.closedAt).toBe('2026-03-02T09:00:00Z');
    expect(legalHoldsOf(policy, [closed], NOW)).toEqual([]);
  });

  it('a new contact reopens an assistance ticket: held again', () => {
    const reopened = facts(policy, 'assistance-1', [
      at('AssistanceTicketOpened', '2026-03-01T09:00:00Z'),
      at('AssistanceTicketClosed', '2026-03-02T09:00:00Z'),
      at('AssistanceTicketReopened', '2026-03-03T09:00:00Z'),
    ]);
    expect(legalHoldsOf(policy, [reopened], NOW).map((h) => h.holdId)).toEqual(['open-assistance']);
  });

  it('an outage is a record about places, not a ticket: it holds nothing', () => {
    const outage = facts(policy, 'outage-1', [at('OutageDeclared', '2026-03-01T09:00:00Z')]);
    expect(outage).toMatchObject({ kind: 'outage', isTicket: false });
    expect(legalHoldsOf(policy, [outage], NOW)).toEqual([]);
  });

  it('unpaid or disputed invoices hold; invoices are accounting records kept while no period is set', () => {
    const account = facts(
      policy,
      'billing-account-1',
      [
        at('BillingAccountOpened', '2026-01-01T09:00:00Z'),
        at('InvoiceIssued', '2026-02-01T09:00:00Z'),
      ],
      ['F-1'],
    );
    const holds = legalHoldsOf(policy, [account], NOW);
    expect(holds.map((h) => [h.holdId, h.until])).toEqual([
      ['unpaid-or-disputed-invoices', null],
      ['accounting-records', null],
    ]);
    expect(holds[1].reason).toContain('an administrator must set it');
  });

  it('accounting records are held for the period after the last invoice once it is set', () => {
    const tenYears = privacyPolicyWith({ accountingRecordsYears: 10 });
    const account = facts(tenYears, 'billing-account-1', [
      at('BillingAccountOpened', '2015-01-01T09:00:00Z'),
      at('InvoiceIssued', '2016-02-01T09:00:00Z'),
    ]);
    expect(legalHoldsOf(tenYears, [account], '2026-01-31T09:00:00Z')).toMatchObject([
      { holdId: 'accounting-records', until: '2026-02-01T09:00:00.000Z' },
    ]);
    expect(legalHoldsOf(tenYears, [account], '2026-02-01T09:00:01Z')).toEqual([]);
  });

  it('a billing account with no invoice holds nothing', () => {
    const account = facts(policy, 'billing-account-1', [
      at('BillingAccountOpened', '2026-01-01T09:00:00Z'),
    ]);
    expect(legalHoldsOf(policy, [account], NOW)).toEqual([]);
  });
});
