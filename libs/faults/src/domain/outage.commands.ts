import { FaultPolicy } from './fault.policy';
import { OutageArea, OutageForceMajeure, OutageKind } from './outage.events';

/** A fault as the outage sees it: its id and operator (read by the application). */
export interface OutageFault {
  faultId: string;
  operator: string;
}

export type DeclareOutage = {
  type: 'DeclareOutage';
  outageId: string;
  /** The operator's version in force when the outage started (CAL-9). */
  policy: FaultPolicy;
  kind: OutageKind;
  area: OutageArea;
  startedAt: string;
  endedAt: string | null;
  forceMajeure: OutageForceMajeure | null;
  announcedResolutionDate: string | null;
  reasons: string[];
  /** Fault reports to link at once (AS-14). */
  faults: OutageFault[];
};

export type LinkFaultsToOutage = { type: 'LinkFaultsToOutage'; faults: OutageFault[] };

/** Each field: a new value, or undefined to keep the current one. */
export type UpdateOutage = {
  type: 'UpdateOutage';
  endedAt?: string;
  forceMajeureEndedOn?: string;
  announcedResolutionDate?: string;
};

export type OutageCommand = DeclareOutage | LinkFaultsToOutage | UpdateOutage;
