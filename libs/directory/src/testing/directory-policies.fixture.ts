/** Directory-error figures as RULES §4.5 (`indemnity.directoryError`) and §6 (EXT-IND-6) give
 * them, for tests. "—" is null. */
import { DirectoryPolicy } from '../domain/directory.policy';

const REGULATORY: DirectoryPolicy['regulatory'] = {
  centsPerYear: 20000,
  businessMultiplier: 4,
  proration: 'STARTED_YEARS',
  rules: ['EXT-IND-6', 'EXT-IND-8'],
  clause: 'AGCOM 347/18/CONS Annex A art. 11, art. 13',
};

export const FASTWEB_DIRECTORY: DirectoryPolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  indemnity: {
    flatCents: { residential: 2500, business: 5000 },
    rules: ['IND-3', 'DIR-4'],
    clause: 'FW-CDS §5.3; FW-CGC 9.1',
  },
  regulatory: REGULATORY,
};

export const PSA_DIRECTORY: DirectoryPolicy = {
  operator: 'PSA',
  version: 'PSA@cds',
  indemnity: { flatCents: null, rules: [], clause: null },
  regulatory: REGULATORY,
};
