import { DomainEvent } from '@sportello/decider';
import { ContactChannel, PersonalField, ProblemCategory } from './assistance.policy';

export const SUBJECT_ROLES = ['caller', 'involved'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

/** A data subject of the ticket (PRV-2): every field but the id and the role is sealed. */
export type DataSubject = { subjectId: string; role: SubjectRole } & Partial<
  Record<PersonalField, string | null>
>;

export const LINK_KINDS = ['complaint', 'fault'] as const;
export interface TicketLink {
  kind: (typeof LINK_KINDS)[number];
  id: string;
}

export const STEP_KINDS = ['data_collection', 'consultation', 'other'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_OUTCOMES = ['resolved', 'not_resolved'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

export const ATTACHMENT_CLASSES = [
  'SCREENSHOT',
  'LOG_FILE',
  'DOCUMENT',
  'IDENTITY_DOCUMENT',
  'CALL_RECORDING',
] as const;
export type AttachmentClass = (typeof ATTACHMENT_CLASSES)[number];

export const CALLBACK_PURPOSES = [
  'continue_resolution',
  'courtesy',
  'survey',
  'marketing',
] as const;
export type CallbackPurpose = (typeof CALLBACK_PURPOSES)[number];

/** SUP-1: the "request from customer" actions the anti-fraud guard knows. */
export const DATA_REQUEST_KINDS = [
  'IDENTITY_DOCUMENT',
  'PAYMENT_CARD',
  'BANK_ACCOUNT',
  'PERSONAL_DATA',
] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

export const CONSENT_KINDS = ['impersonation', 'remote_assistance', 'device_action'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const CONSENT_CHANNELS = ['phone', 'email', 'sms', 'in_app', 'remote_software'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const DEVICE_KINDS = ['pc', 'tablet', 'smartphone'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export interface Device {
  kind: DeviceKind;
  /** The access software the customer installed (RAS-2), e.g. `AnyDesk`. */
  software: string;
}

/** What an operator may do on a device; everything but observing needs its own consent (RAS-5). */
export const DEVICE_ACTIONS = [
  'observe',
  'install_software',
  'uninstall_software',
  'change_settings',
  'transfer_file',
  'restart_device',
  'other',
] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

export const ACTIVITY_KINDS = ['view', 'write', 'payment'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const SESSION_END_REASONS = [
  'ended_by_operator',
  'consent_withdrawn',
  'ticket_closed',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export const TOKEN_REFUSAL_REASONS = [
  'session_not_active',
  'session_expired',
  'consent_withdrawn',
  'token_expired',
  'token_unknown',
] as const;
export type TokenRefusalReason = (typeof TOKEN_REFUSAL_REASONS)[number];

export type AssistanceTicketOpened = DomainEvent<
  'AssistanceTicketOpened',
  {
    ticketId: string;
    reference: string;
    /** The telecom operator whose online services the ticket is about, e.g. FASTWEB. */
    operator: string;
    policyVersion: string;
    channel: ContactChannel;
    openedAt: string;
    problem: { category: ProblemCategory; platform: string | null; summary: string };
    caller: DataSubject;
    involved: DataSubject[];
    linkedTo: TicketLink | null;
  }
>;

export type InvolvedPersonAdded = DomainEvent<
  'InvolvedPersonAdded',
  { ticketId: string; person: DataSubject }
>;

export type AssistanceContactDetailsUpdated = DomainEvent<
  'AssistanceContactDetailsUpdated',
  { ticketId: string; subjectId: string; changes: Partial<Record<PersonalField, string | null>> }
>;

export type AssistanceStepRecorded = DomainEvent<
  'AssistanceStepRecorded',
  {
    ticketId: string;
    stepId: string;
    subjectId: string;
    kind: StepKind;
    outcome: StepOutcome;
    note: string;
  }
>;

export type AssistanceAttachmentAdded = DomainEvent<
  'AssistanceAttachmentAdded',
  {
    ticketId: string;
    attachmentId: string;
    subjectId: string;
    classification: AttachmentClass;
    storageReference: string;
    description: string;
  }
>;

export type AssistanceCallbackScheduled = DomainEvent<
  'AssistanceCallbackScheduled',
  {
    ticketId: string;
    callbackId: string;
    subjectId: string;
    at: string;
    purpose: 'continue_resolution';
  }
>;

/** SUP-4: an allowed exception, recorded with its reason. */
export type CustomerDataRequested = DomainEvent<
  'CustomerDataRequested',
  {
    ticketId: string;
    requestId: string;
    subjectId: string;
    kind: DataRequestKind;
    exception: 'SUP-4';
    /** AMB-36: the data go to this address, never into the ticket thread. */
    sendTo: string;
    reason: string;
  }
>;

/** SUP-1, SUP-3: a prohibited request, refused; recorded for supervisors without personal data. */
export type ProhibitedDataRequestBlocked = DomainEvent<
  'ProhibitedDataRequestBlocked',
  {
    ticketId: string;
    requestId: string;
    kind: DataRequestKind;
    operatorId: string;
    ruleId: 'SUP-1' | 'SUP-3';
    reason: string;
    hint: string;
  }
>;

export type CustomerConsentRecorded = DomainEvent<
  'CustomerConsentRecorded',
  {
    ticketId: string;
    consentId: string;
    kind: ConsentKind;
    /** A consent is bound to one session (RAS-3, IMP-5). */
    sessionId: string;
    subjectId: string;
    channel: ConsentChannel;
    givenAt: string;
    expiresAt: string;
    /** e.g. the confirmation code the customer gave back. */
    evidenceReference: string;
    device: Device | null;
    /** device_action only: the action consented to (RAS-5). */
    action: { kind: DeviceAction; description: string } | null;
  }
>;

export type CustomerConsentWithdrawn = DomainEvent<
  'CustomerConsentWithdrawn',
  { ticketId: string; consentId: string; sessionId: string; withdrawnAt: string }
>;

export type ImpersonationRequested = DomainEvent<
  'ImpersonationRequested',
  {
    ticketId: string;
    sessionId: string;
    subjectId: string;
    operatorId: string;
    platform: string;
    /** IMP-2: why (to reproduce the problem). */
    purpose: string;
    /** IMP-3: the areas of the platform the session may view. */
    areas: string[];
  }
>;

/** IMP-1: refused and recorded; no session, no token. */
export type ImpersonationRefused = DomainEvent<
  'ImpersonationRefused',
  {
    ticketId: string;
    operatorId: string;
    ruleId: 'IMP-1';
    reason: string;
    problemCategory: ProblemCategory;
    requestedPlatform: string;
  }
>;

export type ImpersonationSessionStarted = DomainEvent<
  'ImpersonationSessionStarted',
  {
    ticketId: string;
    sessionId: string;
    consentId: string;
    subjectId: string;
    operatorId: string;
    platform: string;
    areas: string[];
    startedAt: string;
    /** The consent's expiry: the session ends then at the latest. */
    expiresAt: string;
  }
>;

export type ImpersonationTokenIssued = DomainEvent<
  'ImpersonationTokenIssued',
  {
    ticketId: string;
    sessionId: string;
    tokenId: string;
    subjectId: string;
    operatorId: string;
    audience: string;
    scope: 'read';
    issuedAt: string;
    expiresAt: string;
  }
>;

export type ImpersonationResourceViewed = DomainEvent<
  'ImpersonationResourceViewed',
  {
    ticketId: string;
    sessionId: string;
    tokenId: string;
    subjectId: string;
    area: string;
    resource: string;
  }
>;

/** IMP-3 (outside the scope), IMP-4 (a write or a payment): blocked and recorded. */
export type ImpersonationActionBlocked = DomainEvent<
  'ImpersonationActionBlocked',
  {
    ticketId: string;
    sessionId: string;
    tokenId: string;
    subjectId: string;
    attempted: ActivityKind;
    area: string;
    resource: string;
    ruleId: 'IMP-3' | 'IMP-4';
    reason: string;
  }
>;

/** A token used after its session ended, expired or lost its consent: refused and recorded. */
export type ImpersonationTokenRefused = DomainEvent<
  'ImpersonationTokenRefused',
  {
    ticketId: string;
    sessionId: string;
    tokenId: string;
    ruleId: 'IMP-5';
    refusal: TokenRefusalReason;
    reason: string;
  }
>;

export type ImpersonationSessionEnded = DomainEvent<
  'ImpersonationSessionEnded',
  {
    ticketId: string;
    sessionId: string;
    endedAt: string;
    reason: SessionEndReason;
    /** Whether impersonation solved the problem: a non-resolutive one counts for RAS-1. */
    outcome: StepOutcome | null;
  }
>;

export type ImpersonationSessionExpired = DomainEvent<
  'ImpersonationSessionExpired',
  { ticketId: string; sessionId: string; consentId: string; expiredAt: string }
>;

export type RemoteAssistanceProposed = DomainEvent<
  'RemoteAssistanceProposed',
  {
    ticketId: string;
    sessionId: string;
    subjectId: string;
    operatorId: string;
    purpose: string;
    /** RAS-2: a digest of the one-time session code the customer must confirm. */
    sessionCodeDigest: string;
  }
>;

export type RemoteAssistanceSessionStarted = DomainEvent<
  'RemoteAssistanceSessionStarted',
  {
    ticketId: string;
    sessionId: string;
    consentId: string;
    subjectId: string;
    operatorId: string;
    device: Device;
    startedAt: string;
    expiresAt: string;
  }
>;

export type RemoteDeviceActionPerformed = DomainEvent<
  'RemoteDeviceActionPerformed',
  {
    ticketId: string;
    sessionId: string;
    actionId: string;
    subjectId: string;
    action: DeviceAction;
    description: string;
    /** RAS-5: the consent given before it; null for plain observation. */
    consentId: string | null;
    performedAt: string;
  }
>;

export type RemoteAssistanceSessionEnded = DomainEvent<
  'RemoteAssistanceSessionEnded',
  {
    ticketId: string;
    sessionId: string;
    endedAt: string;
    reason: SessionEndReason;
    outcome: StepOutcome | null;
  }
>;

export type RemoteAssistanceSessionExpired = DomainEvent<
  'RemoteAssistanceSessionExpired',
  { ticketId: string; sessionId: string; consentId: string; expiredAt: string }
>;

/** PRV-5: the customer's new contact, which reopens a closed ticket. */
export type CustomerContactRecorded = DomainEvent<
  'CustomerContactRecorded',
  {
    ticketId: string;
    contactId: string;
    subjectId: string;
    channel: ContactChannel;
    receivedAt: string;
    summary: string;
  }
>;

export type AssistanceTicketClosed = DomainEvent<
  'AssistanceTicketClosed',
  {
    ticketId: string;
    subjectId: string;
    closedAt: string;
    resolution: 'resolved' | 'unresolved';
    summary: string | null;
  }
>;

export type AssistanceTicketReopened = DomainEvent<
  'AssistanceTicketReopened',
  { ticketId: string; contactId: string; reopenedAt: string }
>;

export type AssistanceEvent =
  | AssistanceTicketOpened
  | InvolvedPersonAdded
  | AssistanceContactDetailsUpdated
  | AssistanceStepRecorded
  | AssistanceAttachmentAdded
  | AssistanceCallbackScheduled
  | CustomerDataRequested
  | ProhibitedDataRequestBlocked
  | CustomerConsentRecorded
  | CustomerConsentWithdrawn
  | ImpersonationRequested
  | ImpersonationRefused
  | ImpersonationSessionStarted
  | ImpersonationTokenIssued
  | ImpersonationResourceViewed
  | ImpersonationActionBlocked
  | ImpersonationTokenRefused
  | ImpersonationSessionEnded
  | ImpersonationSessionExpired
  | RemoteAssistanceProposed
  | RemoteAssistanceSessionStarted
  | RemoteDeviceActionPerformed
  | RemoteAssistanceSessionEnded
  | RemoteAssistanceSessionExpired
  | CustomerContactRecorded
  | AssistanceTicketClosed
  | AssistanceTicketReopened;

export type AssistanceEventType = AssistanceEvent['type'];
