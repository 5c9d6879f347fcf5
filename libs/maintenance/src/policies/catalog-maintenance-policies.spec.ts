import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { FASTWEB_MAINTENANCE, PSA_MAINTENANCE } from '../testing/maintenance-policies.fixture';
import { CatalogMaintenancePolicies, maintenanceFigures } from './catalog-maintenance-policies';

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));

describe('maintenance figures from the policy data (RULES §4.4, §4.5)', () => {
  it('maps the shipped FASTWEB and PSA files to exactly the figures the domain specs run on', () => {
    expect(maintenanceFigures(catalog.version('FASTWEB@cds-2017')!)).toEqual(FASTWEB_MAINTENANCE);
    expect(maintenanceFigures(catalog.version('PSA@cds')!)).toEqual(PSA_MAINTENANCE);
  });

  it('SKYFW follows the Fastweb notice rules; WINDTRE sets none (CAL-9)', () => {
    const policies = new CatalogMaintenancePolicies(catalog);
    expect(policies.inForce('SKYFW', '2026-05-08T09:00:00Z')).toMatchObject({
      notice: FASTWEB_MAINTENANCE.notice,
      indemnity: FASTWEB_MAINTENANCE.indemnity,
    });
    expect(policies.inForce('WINDTRE', '2026-05-08T09:00:00Z')).toBeNull();
  });
});
