import fc from 'fast-check';
import { FASTWEB_COMPLAINTS, PSA_COMPLAINTS } from '../testing/complaint-policies.fixture';
import { answerTerm } from './complaint-deadlines';
import { fold } from '@sportello/decider';
import { complaintLateIndemnity, ComplaintTiming } from './complaint-indemnity';
import { complaintUnderPolicy } from './complaint-what-if';
import { complaintDecider } from './complaint.decider';
import { FiledComplaint } from './complaint.state';

const dueFor = (policy: typeof PSA_COMPLAINTS, receivedAt: string) =>
  answerTerm(policy, receivedAt).dueAt;

function timing(partial: Partial<ComplaintTiming> & { answerDueAt: string }): ComplaintTiming {
  return { customerType: 'residential', answeredAt: null, withdrawnAt: null, ...partial };
}

describe('CMP-12 — the late-answer indemnity', () => {
  it('AS-15, IND-14: Fastweb answered on day 45 owes nothing; on day 46 the regulator figure €2.50', () => {
    const answerDueAt = dueFor(FASTWEB_COMPLAINTS, '2026-03-02T10:00:00+01:00');
    const onTime = complaintLateIndemnity(
      timing({ answerDueAt, answeredAt: '2026-04-16T17:00:00+02:00' }),
      FASTWEB_COMPLAINTS,
      '2026-05-01T00:00:00Z',
    );
    expect(onTime).toMatchObject({ status: 'none', daysLate: 0, amountCents: 0 });
    const late = complaintLateIndemnity(
      timing({ answerDueAt, answeredAt: '2026-04-17T09:00:00+02:00' }),
      FASTWEB_COMPLAINTS,
      '2026-05-01T00:00:00Z',
    );
    expect(late).toMatchObject({
      status: 'assessed',
      basisRule: 'IND-14',
      basis: 'regulator',
      daysLate: 1,
      amountCents: 250,
    });
  });

  it('AS-15, EXT-IND-8: a Partita IVA customer gets the same €2.50 (art. 12 is not multiplied)', () => {
    const answerDueAt = dueFor(FASTWEB_COMPLAINTS, '2026-03-02T10:00:00+01:00');
    const late = complaintLateIndemnity(
      timing({ answerDueAt, customerType: 'business', answeredAt: '2026-04-17T09:00:00+02:00' }),
      FASTWEB_COMPLAINTS,
      '2026-05-01T00:00:00Z',
    );
    expect(late).toMatchObject({ multiplier: 1, amountCents: 250 });
  });

  it('AS-16, IND-8: PSA received 2026-09-01, answered 2026-10-20: due 2026-10-16, 4 days, €20.00', () => {
    const answerDueAt = dueFor(PSA_COMPLAINTS, '2026-09-01T11:00:00+02:00');
    const result = complaintLateIndemnity(
      timing({ answerDueAt, answeredAt: '2026-10-20T10:00:00+02:00' }),
      PSA_COMPLAINTS,
      '2026-11-01T00:00:00Z',
    );
    expect(result).toMatchObject({
      dueDate: '2026-10-16',
      daysLate: 4,
      dailyCents: 500,
      amountCents: 2000,
      basisRule: 'IND-8',
      capped: false,
    });
  });

  it('AS-17, CAL-2: PSA due Sunday 2026-03-01, answered 2026-04-30: 60 days, €300.00 capped at €50.00', () => {
    const answerDueAt = dueFor(PSA_COMPLAINTS, '2026-01-15T10:00:00+01:00');
    const result = complaintLateIndemnity(
      timing({ answerDueAt, answeredAt: '2026-04-30T10:00:00+02:00' }),
      PSA_COMPLAINTS,
      '2026-05-01T00:00:00Z',
    );
    expect(result).toMatchObject({
      dueDate: '2026-03-01',
      daysLate: 60,
      uncappedCents: 30000,
      amountCents: 5000,
      capped: true,
      status: 'assessed',
    });
  });

  it('accrues day by day while unanswered, and a withdrawal ends the accrual', () => {
    const answerDueAt = dueFor(PSA_COMPLAINTS, '2026-09-01T11:00:00+02:00');
    const accruing = complaintLateIndemnity(
      timing({ answerDueAt }),
      PSA_COMPLAINTS,
      '2026-10-18T12:00:00+02:00',
    );
    expect(accruing).toMatchObject({ status: 'accruing', daysLate: 2, amountCents: 1000 });
    const withdrawn = complaintLateIndemnity(
      timing({ answerDueAt, withdrawnAt: '2026-10-17T12:00:00+02:00' }),
      PSA_COMPLAINTS,
      '2026-12-01T12:00:00+01:00',
    );
    expect(withdrawn).toMatchObject({ status: 'assessed', daysLate: 1, amountCents: 500 });
  });

  it('property: while accruing the amount never decreases and never exceeds the cap', () => {
    const answerDueAt = dueFor(PSA_COMPLAINTS, '2026-09-01T11:00:00+02:00');
    const start = Date.parse(answerDueAt) - 5 * 86_400_000;
    fc.assert(
      fc.property(
        fc.constantFrom(PSA_COMPLAINTS, FASTWEB_COMPLAINTS),
        fc.constantFrom('residential' as const, 'business' as const),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        (policy, customerType, a, b) => {
          const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
          const input = timing({ answerDueAt, customerType });
          const earlier = complaintLateIndemnity(input, policy, at(Math.min(a, b)));
          const later = complaintLateIndemnity(input, policy, at(Math.max(a, b)));
          expect(later.amountCents).toBeGreaterThanOrEqual(earlier.amountCents);
          expect(later.amountCents).toBeLessThanOrEqual(policy.lateIndemnity.capCents);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('what if a complaint were judged under another policy version', () => {
  const filedPsa = (receivedAt: string, now: string) =>
    fold(
      complaintDecider,
      complaintDecider.decide(
        {
          type: 'FileComplaint',
          complaintId: 'c-1',
          trackingCode: 'RC-2026-TEST0001',
          policy: PSA_COMPLAINTS,
          customer: { subjectId: 's-1', customerType: 'residential', name: 'Giulia Romano' },
          channel: 'email',
          receivedAt,
          sentAt: null,
          category: 'service_quality',
          description: 'x',
          invoice: null,
          outage: null,
        },
        complaintDecider.initialState(),
        { now, actor: { id: 'op', roles: ['operator'] } },
      ),
    ) as FiledComplaint;
  const agcom30 = { ...PSA_COMPLAINTS, version: 'PSA@agcom-255-24', answerTermDays: 30 };

  it('CAL-9: a 30-day candidate shows an earlier deadline and the indemnity it would bring', () => {
    const complaint = filedPsa('2026-09-01T11:00:00+02:00', '2026-09-01T12:00:00+02:00');
    const now = '2026-10-10T12:00:00+02:00';
    const current = complaintUnderPolicy(complaint, PSA_COMPLAINTS, now);
    const candidate = complaintUnderPolicy(complaint, agcom30, now);
    expect(current).toMatchObject({
      policyVersion: 'PSA@cds',
      dueDate: '2026-10-16',
      indemnity: { status: 'none', amountCents: 0 },
    });
    expect(candidate).toMatchObject({
      policyVersion: 'PSA@agcom-255-24',
      dueDate: '2026-10-01',
      dueBecause: 'answer term',
      indemnity: { status: 'accruing', daysLate: 9, amountCents: 4500 },
    });
    expect(complaint.policyVersion).toBe('PSA@cds');
  });

  it('CMP-7: a complexity notice given in time keeps its date only where the candidate allows it', () => {
    const base = filedPsa('2026-05-04T10:00:00+02:00', '2026-05-04T12:00:00+02:00');
    const noticed: FiledComplaint = {
      ...base,
      complexityNoticeAt: '2026-06-10T10:00:00+02:00',
      answerDueAt: '2026-07-15T21:59:59.999Z',
    };
    const now = '2026-07-01T12:00:00+02:00';
    expect(complaintUnderPolicy(noticed, PSA_COMPLAINTS, now)).toMatchObject({
      dueDate: '2026-07-15',
      dueBecause: 'complexity notice',
    });
    // Under 30 days the term ran out on 2026-06-03: the notice of 10 June came too late.
    expect(complaintUnderPolicy(noticed, agcom30, now)).toMatchObject({
      dueDate: '2026-06-03',
      dueBecause: 'answer term',
      indemnity: { daysLate: 28, amountCents: 5000, capped: true },
    });
  });
});
