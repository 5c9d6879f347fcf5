import { privacyPolicyWith, shippedPrivacyPolicy } from '../testing/privacy-policy.fixture';
import { operatorOfPolicyVersion } from './privacy-policy';
import { retentionVerdict } from './retention';
import { FactEvent, streamFacts } from './subject-streams';

const ev = (
  type: string,
  occurredAt: string,
  policyVersion: string | null = 'PSA@cds',
): FactEvent => ({
  type,
  occurredAt,
  policyVersion,
});

describe('retention (PRV-6, PRV-10)', () => {
  const psa90 = privacyPolicyWith({ ticketHistoryDays: { PSA: 90 } });
  const closedComplaint = (policy = psa90) =>
    streamFacts(
      policy,
      'complaint-1',
      [ev('ComplaintFiled', '2026-01-10T09:00:00Z'), ev('ComplaintClosed', '2026-02-01T09:00:00Z')],
      operatorOfPolicyVersion,
    );

  it('erases once every ticket has been closed longer than its operator period', () => {
    expect(retentionVerdict(psa90, [closedComplaint()], [], '2026-05-01T08:59:59Z')).toEqual({
      eligible: false,
      reasons: ['complaint-1: kept until 2026-05-02T09:00:00.000Z'],
    });
    expect(retentionVerdict(psa90, [closedComplaint()], [], '2026-05-02T09:00:00Z')).toEqual({
      eligible: true,
      since: '2026-05-02T09:00:00.000Z',
    });
  });

  it('PRV-6: erases nothing while nobody has set the period (null in the shipped policy)', () => {
    const shipped = shippedPrivacyPolicy();
    const verdict = retentionVerdict(
      shipped,
      [closedComplaint(shipped)],
      [],
      '2036-01-01T00:00:00Z',
    );
    expect(verdict).toEqual({
      eligible: false,
      reasons: [expect.stringContaining('an administrator must set it')],
    });
  });

  it('keeps a subject with an open ticket, a hold, or a stream no rule classifies', () => {
    const open = streamFacts(
      psa90,
      'fault-9',
      [ev('FaultReported', '2026-01-01T09:00:00Z')],
      operatorOfPolicyVersion,
    );
    const unknown = streamFacts(
      psa90,
      'gadget-1',
      [ev('GadgetAdded', '2026-01-01T09:00:00Z')],
      operatorOfPolicyVersion,
    );
    const hold = {
      holdId: 'accounting-records',
      reason: 'kept',
      ruleIds: ['PRV-10'],
      streams: [],
      until: null,
    };
    const now = '2027-01-01T00:00:00Z';
    expect(retentionVerdict(psa90, [closedComplaint(), open], [], now)).toMatchObject({
      eligible: false,
    });
    expect(retentionVerdict(psa90, [closedComplaint(), unknown], [], now)).toMatchObject({
      eligible: false,
    });
    expect(retentionVerdict(psa90, [closedComplaint()], [hold], now)).toMatchObject({
      eligible: false,
      reasons: ['accounting-records: kept'],
    });
  });

  it('a subject with no ticket at all is not erased by retention', () => {
    expect(retentionVerdict(psa90, [], [], '2027-01-01T00:00:00Z')).toEqual({
      eligible: false,
      reasons: ['no ticket'],
    });
  });
});
