/** Fault policy figures as RULES §4.2 (and the repair-delay rows of §4.5) give them, for tests. */
import { FaultPolicy } from '../domain/fault.policy';

export const FASTWEB_FAULTS: FaultPolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  repair: {
    termKind: 'ELAPSED_HOURS',
    term: 72,
    rule: 'FLT-2',
    clause: 'FW-CDS §5.2; FW-CGC 9.1',
    remoteFirst: true,
    methodClause: 'FW-CDS §5.2',
  },
  scope: {
    description:
      "Fastweb network only; not other operators' components (e.g. the first socket on ADSL) nor customer equipment",
    rule: 'FLT-4',
    clause: 'FW-CGC 5.6',
  },
  pause: {
    allowedKinds: ['WAITING_ON_CUSTOMER', 'FORCE_MAJEURE', 'THIRD_PARTY_OR_AUTHORITY'],
    clause: 'FW-CGC 9.2–9.3',
  },
  complexity: {
    complex: 'REVIEW_ONLY',
    publishStatus: false,
    exceptionalWidespread: null,
    clause: 'FW-CDS §5.2 (AMB-7)',
  },
  massOutageThreshold: null,
  onSitePaymentsAllowed: false,
  onSitePaymentsClause: 'FW-ANTIFRAUD item 6',
  reopenWindowDays: null,
  indemnity: {
    repairDelay: {
      dailyCents: { residential: 500, business: 1000 },
      capDays: 10,
      capCents: null,
      supplementaryAssessmentBeyondDays: 10,
      rules: ['IND-1', 'IND-2', 'AMB-11'],
      clause: 'FW-CDS §5.3',
    },
    exceptionalFault: null,
  },
};

export const PSA_FAULTS: FaultPolicy = {
  operator: 'PSA',
  version: 'PSA@cds',
  repair: {
    termKind: 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY',
    term: 4,
    rule: 'FLT-6',
    clause: 'PSA-CDS §9',
    remoteFirst: null,
    methodClause: null,
  },
  scope: {
    description:
      "the connection up to the customer access point directly connected to PSA's network",
    rule: 'FLT-7',
    clause: 'PSA-CDS §9',
  },
  pause: {
    allowedKinds: ['WAITING_ON_CUSTOMER', 'FORCE_MAJEURE', 'THIRD_PARTY_OR_AUTHORITY'],
    clause: 'PSA-CDS §8, §19',
  },
  complexity: {
    complex: 'NO_FIXED_TERM',
    publishStatus: true,
    exceptionalWidespread: 'IND_9',
    clause: 'PSA-CDS §9, §19',
  },
  massOutageThreshold: null,
  onSitePaymentsAllowed: null,
  onSitePaymentsClause: null,
  reopenWindowDays: null,
  indemnity: {
    repairDelay: {
      dailyCents: { residential: 500, business: 500 },
      capDays: null,
      capCents: 5000,
      supplementaryAssessmentBeyondDays: null,
      rules: ['IND-8', 'AMB-14'],
      clause: 'PSA-CDS §19 (IND-8, AMB-14)',
    },
    exceptionalFault: {
      dailyCents: 250,
      startDaysAfterForceMajeure: 5,
      capCents: 5000,
      rules: ['IND-9', 'AMB-15'],
      clause: 'PSA-CDS §19 (IND-9, AMB-15)',
    },
  },
};
