import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { FASTWEB_FAULTS, PSA_FAULTS } from '../testing/fault-policies.fixture';
import { CatalogFaultPolicies } from './catalog-fault-policies';

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));
const policies = new CatalogFaultPolicies(catalog);
const at = '2026-05-04T10:00:00Z';

describe('the fault figures of the shipped policy data (RULES §4.2, §4.5)', () => {
  it('maps FASTWEB and PSA to exactly the figures the domain specs use', () => {
    expect(policies.inForce('FASTWEB', at)).toEqual(FASTWEB_FAULTS);
    expect(policies.inForce('PSA', at)).toEqual(PSA_FAULTS);
    expect(policies.byVersion('PSA@cds')).toEqual(PSA_FAULTS);
  });

  it("SKYFW keeps Fastweb's figures (no override in RULES §4.2)", () => {
    const skyfw = policies.inForce('SKYFW', at)!;
    expect({ ...skyfw, repair: { ...skyfw.repair, clause: '' } }).toEqual({
      ...FASTWEB_FAULTS,
      operator: 'SKYFW',
      version: 'SKYFW@cgc-2017-05-08',
      repair: { ...FASTWEB_FAULTS.repair, clause: '' },
    });
  });

  it('WINDTRE sets no fault figures; an unknown operator has none', () => {
    expect(policies.inForce('WINDTRE', at)).toBeNull();
    expect(policies.inForce('TIM', at)).toBeNull();
    expect(policies.byVersion('nope')).toBeNull();
  });
});
