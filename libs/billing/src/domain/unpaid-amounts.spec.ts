import { FASTWEB_BILLING, PSA_BILLING } from '../testing/billing-policies.fixture';
import { suspensionEligibility, unpaidForSuspension } from './unpaid-amounts';

describe('BIL-3, BIL-5, EXT-BIL-1 — what is unpaid for suspension', () => {
  it('AS-25: €150.00 with €60.00 contested under a pending complaint and €90.00 paid → nothing unpaid', () => {
    expect(
      unpaidForSuspension({
        amountCents: 15_000,
        paidCents: 9_000,
        waivedCents: 0,
        pendingDisputes: [{ disputedCents: 6_000, paidCents: 0 }],
      }),
    ).toEqual({ outstandingCents: 6_000, disputedExcludedCents: 6_000, unpaidCents: 0 });
  });

  it('BIL-3: the complaint does not excuse the undisputed amount', () => {
    expect(
      unpaidForSuspension({
        amountCents: 15_000,
        paidCents: 5_000,
        waivedCents: 0,
        pendingDisputes: [{ disputedCents: 6_000, paidCents: 0 }],
      }),
    ).toEqual({ outstandingCents: 10_000, disputedExcludedCents: 6_000, unpaidCents: 4_000 });
  });

  it('EXT-BIL-1: once no complaint is pending, the contested sum is unpaid like any other', () => {
    expect(
      unpaidForSuspension({
        amountCents: 15_000,
        paidCents: 9_000,
        waivedCents: 0,
        pendingDisputes: [],
      }),
    ).toEqual({ outstandingCents: 6_000, disputedExcludedCents: 0, unpaidCents: 6_000 });
  });

  it('an upheld complaint waives the contested sum: nothing is left', () => {
    expect(
      unpaidForSuspension({
        amountCents: 15_000,
        paidCents: 9_000,
        waivedCents: 6_000,
        pendingDisputes: [],
      }),
    ).toEqual({ outstandingCents: 0, disputedExcludedCents: 0, unpaidCents: 0 });
  });
});

describe('BIL-5, EXT-BIL-1 — suspension eligibility', () => {
  const fastweb = FASTWEB_BILLING.nonPayment;
  const as25 = {
    amountCents: 15_000,
    paidCents: 9_000,
    waivedCents: 0,
    pendingDisputes: [{ disputedCents: 6_000, paidCents: 0 }],
  };

  it('AS-25: only the contested sum is unpaid → not eligible, whatever the date', () => {
    expect(suspensionEligibility(as25, true, fastweb)).toMatchObject({
      eligible: false,
      reason: 'only_disputed_unpaid',
      disputedExcludedCents: 6_000,
    });
  });

  it('BIL-5: undisputed arrears after the term → eligible, after notice, termination 15 days later, €24.00 to reactivate', () => {
    expect(suspensionEligibility({ ...as25, pendingDisputes: [] }, true, fastweb)).toEqual({
      eligible: true,
      reason: 'unpaid',
      unpaidCents: 6_000,
      disputedExcludedCents: 0,
      noticeRequired: true,
      terminationAfterDays: 15,
      reactivationFeeCents: 2_400,
    });
    expect(suspensionEligibility({ ...as25, pendingDisputes: [] }, false, fastweb).reason).toBe(
      'term_running',
    );
  });

  it('PSA has no such rule in the seeds', () => {
    expect(
      suspensionEligibility({ ...as25, pendingDisputes: [] }, true, PSA_BILLING.nonPayment),
    ).toMatchObject({ eligible: false, reason: 'no_rule', reactivationFeeCents: null });
  });
});
