import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { FASTWEB_ACTIVATIONS, PSA_ACTIVATIONS } from '../testing/activation-policies.fixture';
import { activationFigures, CatalogActivationPolicies } from './catalog-activation-policies';

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));

describe('activation figures from the policy data (RULES §4.3, §4.5)', () => {
  it('maps the shipped FASTWEB and PSA files to exactly the figures the domain specs run on', () => {
    expect(activationFigures(catalog.version('FASTWEB@cds-2017')!)).toEqual(FASTWEB_ACTIVATIONS);
    expect(activationFigures(catalog.version('PSA@cds')!)).toEqual(PSA_ACTIVATIONS);
  });

  it('SKYFW follows the Fastweb terms; WINDTRE sets no activation figures (CAL-9)', () => {
    const policies = new CatalogActivationPolicies(catalog);
    const skyfw = policies.inForce('SKYFW', '2026-01-05T09:00:00Z');
    expect(skyfw).toMatchObject({
      version: 'SKYFW@cgc-2017-05-08',
      activation: { termDays: 60, rule: 'ACT-1' },
      technicalCheck: FASTWEB_ACTIVATIONS.technicalCheck,
      indemnity: FASTWEB_ACTIVATIONS.indemnity,
    });
    expect(policies.inForce('WINDTRE', '2026-01-05T09:00:00Z')).toBeNull();
    expect(policies.inForce('ACME', '2026-01-05T09:00:00Z')).toBeNull();
    expect(policies.byVersion('PSA@cds')).toEqual(PSA_ACTIVATIONS);
  });
});
