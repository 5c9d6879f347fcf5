import { FaultChannel, FaultCustomer } from './fault.events';
import { FaultPolicy, PauseKind } from './fault.policy';

/** Commands that need policy figures carry the version the fault is pinned to, resolved by the
 * application (CAL-9); the decider refuses any other version. */

export type ReportFault = {
  type: 'ReportFault';
  faultId: string;
  /** The human-readable reference given to the customer (e.g. `GU-2026-7K4M9QX2`). */
  reference: string;
  policy: FaultPolicy;
  customer: FaultCustomer;
  lineId: string;
  service: string;
  channel: FaultChannel;
  description: string;
  reportedAt: string;
};

export type RecordRemoteIntervention = {
  type: 'RecordRemoteIntervention';
  interventionId: string;
  performedAt: string;
  outcome: 'resolved' | 'not_resolved';
  notes: string;
};

export type ScheduleTechnicianVisit = {
  type: 'ScheduleTechnicianVisit';
  policy: FaultPolicy;
  visitId: string;
  scheduledFor: string;
};

export type RecordTechnicianVisit = {
  type: 'RecordTechnicianVisit';
  policy: FaultPolicy;
  visitId: string;
  visitedAt: string;
  badgeId: string;
  outcome: 'resolved' | 'not_resolved';
  notes: string;
  /** Any payment taken by the technician: refused unless the policy allows it (FLT-5, SUP-5). */
  onSitePayment: { amountCents: number } | null;
  /** FLT-5: a cost of the intervention goes on the first invoice after it. */
  interventionCostCents: number | null;
};

export type PauseRepairClock = {
  type: 'PauseRepairClock';
  policy: FaultPolicy;
  pauseId: string;
  kind: PauseKind;
  reason: string;
  /** Required for FORCE_MAJEURE (CAL-8). */
  evidenceRef: string | null;
  from: string;
  /** null: the pause is still running; end it with ResumeRepairClock. */
  to: string | null;
  /** CAL-8: needed, from a supervisor, once the deadline was missed. */
  approval: { reason: string } | null;
};

export type ResumeRepairClock = { type: 'ResumeRepairClock'; pauseId: string; resumedAt: string };

export type MarkFaultComplex = {
  type: 'MarkFaultComplex';
  policy: FaultPolicy;
  complexity: 'COMPLEX' | 'EXCEPTIONAL_WIDESPREAD';
  reasons: string[];
  /** EXCEPTIONAL_WIDESPREAD only (FLT-10): calendar dates, Europe/Rome. */
  forceMajeure: { from: string; endedOn: string | null; evidenceRef: string } | null;
  announcedResolutionDate: string | null;
};

export type UpdateExceptionalFault = {
  type: 'UpdateExceptionalFault';
  forceMajeureEndedOn: string | null;
  announcedResolutionDate: string | null;
};

export type ReviewComplexFaultIndemnity = {
  type: 'ReviewComplexFaultIndemnity';
  decision: 'approved' | 'denied';
  reason: string;
};

export type LinkFaultToIncident = { type: 'LinkFaultToIncident'; incidentId: string };

export type RecordRepairDeadlineMissed = {
  type: 'RecordRepairDeadlineMissed';
  repairDueAt: string;
};

export type RestoreService = { type: 'RestoreService'; restoredAt: string };

export type CloseFault = {
  type: 'CloseFault';
  policy: FaultPolicy;
  outcome: 'repaired' | 'out_of_scope';
  /** Where the fault was found to lie: required when out of scope (FLT-4, FLT-7). */
  finding: string | null;
};

export type ReopenFault = { type: 'ReopenFault'; policy: FaultPolicy; reason: string };

export type FaultCommand =
  | ReportFault
  | RecordRemoteIntervention
  | ScheduleTechnicianVisit
  | RecordTechnicianVisit
  | PauseRepairClock
  | ResumeRepairClock
  | MarkFaultComplex
  | UpdateExceptionalFault
  | ReviewComplexFaultIndemnity
  | LinkFaultToIncident
  | RecordRepairDeadlineMissed
  | RestoreService
  | CloseFault
  | ReopenFault;
