import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { TEST_LEGAL_RATE_2026 } from '../../testing/billing-policies.fixture';
import { CatalogBillingPolicies } from './billing-policies';

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', '..', 'policies'));

describe('billing policies from the operator policy files (RULES §4.6)', () => {
  it('builds each version from its billing section, adding the legal rates entered so far (AMB-23)', async () => {
    const policies = new CatalogBillingPolicies(catalog, async () => [TEST_LEGAL_RATE_2026]);
    const fastweb = await policies.inForce('FASTWEB', '2026-05-04');
    expect(fastweb).toMatchObject({
      operator: 'FASTWEB',
      version: 'FASTWEB@cds-2017',
      invoiceLeadTimeDays: 15,
      latePayment: {
        model: 'INTEREST',
        interest: { startAfterDays: 15, spreadBasisPoints: 300, dayCountBasis: 365 },
        penalty: null,
      },
      nonPayment: { suspensionAfterDays: 15, reactivationFeeCents: 2400 },
    });
    expect(fastweb?.latePayment.interest?.legalRates).toEqual([TEST_LEGAL_RATE_2026]);
    // The catalog's own data never holds a rate.
    expect(catalog.version('FASTWEB@cds-2017')?.billing?.latePayment.interest).not.toHaveProperty(
      'legalRates',
    );

    const psa = await policies.byVersion('PSA@cds');
    expect(psa).toMatchObject({
      operator: 'PSA',
      version: 'PSA@cds',
      latePayment: { model: 'PENALTY_BRACKETS', interest: null },
    });
    expect(psa?.latePayment.penalty?.brackets).toEqual([
      { fromDay: 1, toDay: 15, basisPoints: 200 },
      { fromDay: 16, toDay: null, basisPoints: 500 },
    ]);
  });

  it('has no figures for a version without a billing section, an unknown version or operator', async () => {
    const policies = new CatalogBillingPolicies(catalog, async () => []);
    expect(await policies.inForce('SKYFW', '2026-05-04')).toBeNull();
    expect(await policies.byVersion('WINDTRE@incident-2026')).toBeNull();
    expect(await policies.byVersion('PSA@nope')).toBeNull();
    expect(await policies.inForce('TIM', '2026-05-04')).toBeNull();
    expect(
      (await policies.byVersion('FASTWEB@cds-2017'))?.latePayment.interest?.legalRates,
    ).toEqual([]);
  });
});
