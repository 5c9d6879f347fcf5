import {
  AccessKind,
  ActivationCustomer,
  ActivationService,
  NoticeChannel,
  RequestChannel,
  RequestKind,
} from './activation.events';
import { ActivationPolicy, PauseKind } from './activation.policy';

/** Commands that need policy figures carry the version the request is pinned to, resolved by the
 * application (CAL-9); the decider refuses any other version. */

export type RequestActivation = {
  type: 'RequestActivation';
  activationId: string;
  /** The reference given to the customer, e.g. `AT-2026-7K4M9QX2`. */
  reference: string;
  policy: ActivationPolicy;
  customer: ActivationCustomer;
  requestKind: RequestKind;
  services: ActivationService[];
  access: AccessKind | null;
  lineId: string | null;
  address: string | null;
  channel: RequestChannel;
  /** The proposal received (Fastweb, ACT-1) or the request completed (PSA, ACT-9). */
  receivedAt: string;
  /** Fastweb relocation: the term stated in the relocation form, in solar days (ACT-7, AMB-8). */
  relocationFormTermDays: number | null;
};

export type RecordTechnicalCheck = {
  type: 'RecordTechnicalCheck';
  policy: ActivationPolicy;
  outcome: 'positive' | 'negative';
  checkedAt: string;
  reason: string | null;
};

export type PauseActivationClock = {
  type: 'PauseActivationClock';
  policy: ActivationPolicy;
  pauseId: string;
  kind: PauseKind;
  reason: string;
  /** Required for FORCE_MAJEURE (CAL-8). */
  evidenceRef: string | null;
  from: string;
  /** null: the pause is still running; end it with ResumeActivationClock. */
  to: string | null;
  /** CAL-8: needed, from a supervisor, once the deadline was missed. */
  approval: { reason: string } | null;
};

export type ResumeActivationClock = {
  type: 'ResumeActivationClock';
  pauseId: string;
  resumedAt: string;
};

export type NotifyActivationDelay = {
  type: 'NotifyActivationDelay';
  policy: ActivationPolicy;
  noticeId: string;
  informedAt: string;
  channel: NoticeChannel;
  reason: string;
  /** ACT-10: the date from which the service can be activated (Europe/Rome calendar date). */
  newActivationDate: string | null;
  agreedWithCustomer: boolean;
};

/** The timer: idempotent, it records a miss only for the current deadline, once, after it. */
export type RecordActivationDeadlineMissed = {
  type: 'RecordActivationDeadlineMissed';
  activationDueAt: string;
};

export type ActivateService = {
  type: 'ActivateService';
  policy: ActivationPolicy;
  activatedAt: string;
};

export type RecordIndemnityClaim = {
  type: 'RecordIndemnityClaim';
  policy: ActivationPolicy;
  claimedAt: string;
  channel: RequestChannel;
};

export type CancelActivationRequest = {
  type: 'CancelActivationRequest';
  reason: 'revoked_by_customer' | 'refused_by_operator';
  note: string;
};

export type ActivationCommand =
  | RequestActivation
  | RecordTechnicalCheck
  | PauseActivationClock
  | ResumeActivationClock
  | NotifyActivationDelay
  | RecordActivationDeadlineMissed
  | ActivateService
  | RecordIndemnityClaim
  | CancelActivationRequest;
