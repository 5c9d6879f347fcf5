import { DomainEvent } from '@sportello/decider';

/** MASS_REPORTS: many reports at once, deadlines unchanged (FLT-9, NTF-7). EXCEPTIONAL_WIDESPREAD:
 * a force-majeure outage whose faults follow IND-9 where the policy has that regime (FLT-10). */
export const OUTAGE_KINDS = ['MASS_REPORTS', 'EXCEPTIONAL_WIDESPREAD'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

/** Where the outage is: a description of the area and, optionally, its municipalities and
 * postcodes. About places, never about a customer. */
export interface OutageArea {
  description: string;
  municipalities: string[];
  postcodes: string[];
}

/** CAL-8, FLT-10: calendar dates (Europe/Rome) and the evidence of the force majeure. */
export interface OutageForceMajeure {
  from: string;
  endedOn: string | null;
  evidenceRef: string;
}

/** A supervisor declares an outage incident (AS-14, AS-13). */
export type OutageDeclared = DomainEvent<
  'OutageDeclared',
  {
    outageId: string;
    operator: string;
    /** CAL-9: the version in force when the outage started. */
    policyVersion: string;
    kind: OutageKind;
    area: OutageArea;
    startedAt: string;
    endedAt: string | null;
    forceMajeure: OutageForceMajeure | null;
    /** AMB-13: a resolution date communicated to customers. */
    announcedResolutionDate: string | null;
    reasons: string[];
    declaredBy: string;
    /** The rule the declaration follows: FLT-9 (mass reports) or FLT-10 (exceptional). */
    rule: string;
    clause: string;
  }
>;

/** Fault reports linked to the outage; each fault's own stream records its link (FLT-9). */
export type OutageFaultsLinked = DomainEvent<
  'OutageFaultsLinked',
  { outageId: string; faultIds: string[]; linkedBy: string }
>;

/** The outage's end, the force majeure's end or a communicated resolution date became known. */
export type OutageUpdated = DomainEvent<
  'OutageUpdated',
  {
    outageId: string;
    endedAt: string | null;
    forceMajeure: OutageForceMajeure | null;
    announcedResolutionDate: string | null;
    updatedBy: string;
  }
>;

export type OutageEvent = OutageDeclared | OutageFaultsLinked | OutageUpdated;
export type OutageEventType = OutageEvent['type'];
