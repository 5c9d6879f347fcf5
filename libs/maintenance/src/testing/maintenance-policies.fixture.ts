/** Maintenance policy figures as RULES §4.4 (and the maintenance-notice row of §4.5, "as repair
 * delay", AMB-10) give them, for tests. "—" is null. */
import { MaintenancePolicy } from '../domain/maintenance.policy';

export const FASTWEB_MAINTENANCE: MaintenancePolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  notice: {
    minIndemnifiedHours: 24,
    indemnifiedRule: 'MNT-1',
    indemnifiedClause: 'FW-CDS §5.2',
    minContractualDays: 5,
    contractualRule: 'MNT-1',
    contractualClause: 'FW-CGC art. 4 last ¶',
    channel: 'web_area',
    channelClause: 'FW-CDS §5.2 (MyFASTPage)',
    unplannedFaultsExempt: true,
    unplannedClause: 'FW-CGC art. 4 last ¶',
  },
  indemnity: {
    dailyCents: { residential: 500, business: 1000 },
    capDays: 10,
    capCents: null,
    rules: ['IND-1'],
    clause: 'FW-CDS §5.2–5.3 (as repair delay, AMB-10)',
  },
};

export const PSA_MAINTENANCE: MaintenancePolicy = {
  operator: 'PSA',
  version: 'PSA@cds',
  notice: {
    minIndemnifiedHours: 24,
    indemnifiedRule: 'MNT-2',
    indemnifiedClause: 'PSA-CDS §9',
    minContractualDays: null,
    contractualRule: null,
    contractualClause: null,
    channel: null,
    channelClause: 'PSA-CDS §9 (most suitable means)',
    unplannedFaultsExempt: null,
    unplannedClause: null,
  },
  indemnity: {
    dailyCents: { residential: 500, business: 500 },
    capDays: null,
    capCents: 5000,
    rules: ['IND-8', 'AMB-14'],
    clause: 'PSA-CDS §9, §19 (as repair delay, AMB-10)',
  },
};
