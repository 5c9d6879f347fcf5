import { join } from 'node:path';
import { loadPolicyCatalog } from '@sportello/policies';
import { FASTWEB_DIRECTORY, PSA_DIRECTORY } from '../testing/directory-policies.fixture';
import { CatalogDirectoryPolicies, directoryFigures } from './catalog-directory-policies';

const catalog = loadPolicyCatalog(join(__dirname, '..', '..', '..', '..', 'policies'));

describe('directory figures from the policy data (RULES §4.5, EXT-IND-6)', () => {
  it('maps the shipped FASTWEB and PSA files to exactly the figures the domain specs run on', () => {
    expect(directoryFigures(catalog.version('FASTWEB@cds-2017')!)).toEqual(FASTWEB_DIRECTORY);
    expect(directoryFigures(catalog.version('PSA@cds')!)).toEqual(PSA_DIRECTORY);
  });

  it('SKYFW keeps the Fastweb flat figure; WINDTRE sets none (CAL-9)', () => {
    const policies = new CatalogDirectoryPolicies(catalog);
    expect(policies.inForce('SKYFW', '2026-02-20T09:00:00Z')?.indemnity).toEqual(
      FASTWEB_DIRECTORY.indemnity,
    );
    expect(policies.inForce('WINDTRE', '2026-02-20T09:00:00Z')).toBeNull();
  });
});
