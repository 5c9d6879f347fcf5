/** Activation policy figures as RULES §4.3 (and the activation rows of §4.5, with the regulator's
 * figures of §6) give them, for tests. "—" is null; "recommended" values are taken (AMB-12, AMB-17). */
import { ActivationPolicy } from '../domain/activation.policy';

const REGULATORY: ActivationPolicy['indemnity']['regulatory'] = {
  dailyCentsPerService: 750,
  ultraBroadbandDailyCentsPerService: 1000,
  businessMultiplier: 2,
  automatic: true,
  creditAfterDays: 45,
  rules: ['EXT-IND-2', 'EXT-IND-8'],
  clause: 'AGCOM 347/18/CONS Annex A art. 4(1), art. 13; automatic under art. 3 (EXT-IND-1)',
};

export const FASTWEB_ACTIVATIONS: ActivationPolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  activation: {
    termDays: 60,
    startsAt: 'PROPOSAL_RECEIVED',
    rule: 'ACT-1',
    clause: 'FW-CDS §5.1',
    indirectBroadband: null,
  },
  technicalCheck: {
    termDays: 30,
    afterPositiveCheckDays: 30,
    rule: 'ACT-2',
    clause: 'FW-CGC 4.1',
  },
  relocation: {
    termDays: null,
    startsAt: 'RELOCATION_REQUESTED',
    rule: 'ACT-7',
    clause: 'FW-CGC 7.5',
  },
  informedDelay: {
    exempts: false,
    requiresNewDate: false,
    rule: 'ACT-3',
    clause: 'FW-CDS §5.1',
  },
  pause: {
    allowedKinds: ['WAITING_ON_CUSTOMER', 'FORCE_MAJEURE', 'THIRD_PARTY_OR_AUTHORITY'],
    clause: 'FW-CGC 4.1',
  },
  indemnity: {
    activationDelay: {
      dailyCents: { residential: 500, business: 1000 },
      capDays: 10,
      capCents: null,
      supplementaryAssessmentBeyondDays: 10,
      rules: ['IND-1', 'IND-2', 'AMB-11'],
      clause: 'FW-CDS §5.3',
    },
    relocationDelay: null,
    regulatory: REGULATORY,
    applyRegulatoryFloor: true,
    payout: {
      mode: 'AUTOMATIC',
      writtenReportChannels: null,
      rules: ['IND-4', 'AMB-12'],
      clause: 'FW-CDS §5.2–5.3 (AMB-12)',
    },
  },
};

export const PSA_ACTIVATIONS: ActivationPolicy = {
  operator: 'PSA',
  version: 'PSA@cds',
  activation: {
    termDays: 30,
    startsAt: 'REQUEST_COMPLETED',
    rule: 'ACT-9',
    clause: 'PSA-CDS §8',
    indirectBroadband: { termDays: 45, rule: 'ACT-9', clause: 'PSA-CDS §8 (AMB-9)' },
  },
  technicalCheck: { termDays: null, afterPositiveCheckDays: null, rule: null, clause: null },
  relocation: {
    termDays: 30,
    startsAt: 'REQUEST_COMPLETED',
    rule: 'ACT-9',
    clause: 'PSA-CDS §8',
  },
  informedDelay: {
    exempts: true,
    requiresNewDate: true,
    rule: 'ACT-10',
    clause: 'PSA-CDS §8, §19',
  },
  pause: {
    allowedKinds: ['WAITING_ON_CUSTOMER', 'FORCE_MAJEURE', 'THIRD_PARTY_OR_AUTHORITY'],
    clause: 'PSA-CDS §8, §19',
  },
  indemnity: {
    activationDelay: {
      dailyCents: { residential: 200, business: 200 },
      capDays: null,
      capCents: 3000,
      supplementaryAssessmentBeyondDays: null,
      rules: ['IND-5'],
      clause: 'PSA-CDS §19',
    },
    relocationDelay: {
      dailyCents: { residential: 200, business: 200 },
      capDays: null,
      capCents: 3000,
      supplementaryAssessmentBeyondDays: null,
      rules: ['IND-5'],
      clause: 'PSA-CDS §19',
    },
    regulatory: REGULATORY,
    applyRegulatoryFloor: true,
    payout: {
      mode: 'AUTOMATIC_AFTER_WRITTEN_REPORT',
      writtenReportChannels: ['registered_letter', 'email', 'web_area'],
      rules: ['IND-7', 'AMB-37'],
      clause: 'PSA-CDS §19 (IND-7)',
    },
  },
};
