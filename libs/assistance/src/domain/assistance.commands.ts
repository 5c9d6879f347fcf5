import {
  ActivityKind,
  AttachmentClass,
  CallbackPurpose,
  ConsentChannel,
  ConsentKind,
  DataRequestKind,
  DataSubject,
  Device,
  DeviceAction,
  StepKind,
  StepOutcome,
  TicketLink,
} from './assistance.events';
import {
  AssistancePolicy,
  ContactChannel,
  PersonalField,
  ProblemCategory,
} from './assistance.policy';

export type OpenAssistanceTicket = {
  type: 'OpenAssistanceTicket';
  ticketId: string;
  reference: string;
  operator: string;
  /** The profile version in force at the first contact, resolved by the application. */
  policy: AssistancePolicy;
  channel: ContactChannel;
  problem: { category: ProblemCategory; platform: string | null; summary: string };
  caller: DataSubject;
  involved: DataSubject[];
  linkedTo: TicketLink | null;
};

export type AddInvolvedPerson = {
  type: 'AddInvolvedPerson';
  policy: AssistancePolicy;
  person: DataSubject;
};

export type UpdateContactDetails = {
  type: 'UpdateContactDetails';
  policy: AssistancePolicy;
  subjectId: string;
  changes: Partial<Record<PersonalField, string | null>>;
};

export type RecordAssistanceStep = {
  type: 'RecordAssistanceStep';
  stepId: string;
  kind: StepKind;
  outcome: StepOutcome;
  note: string;
};

export type AddAttachment = {
  type: 'AddAttachment';
  policy: AssistancePolicy;
  attachmentId: string;
  classification: AttachmentClass;
  storageReference: string;
  description: string;
};

export type ScheduleCallback = {
  type: 'ScheduleCallback';
  callbackId: string;
  subjectId: string | null;
  at: string;
  purpose: CallbackPurpose;
};

export type RequestCustomerData = {
  type: 'RequestCustomerData';
  requestId: string;
  kind: DataRequestKind;
  reason: string;
};

export type RecordConsent = {
  type: 'RecordConsent';
  consentId: string;
  kind: ConsentKind;
  sessionId: string;
  channel: ConsentChannel;
  givenAt: string;
  expiresAt: string;
  evidenceReference: string;
  device: Device | null;
  action: { kind: DeviceAction; description: string } | null;
  /** remote_assistance only: digest of the one-time code the customer confirmed (RAS-2). */
  sessionCodeDigest: string | null;
};

export type WithdrawConsent = { type: 'WithdrawConsent'; consentId: string };

export type RequestImpersonation = {
  type: 'RequestImpersonation';
  policy: AssistancePolicy;
  sessionId: string;
  subjectId: string | null;
  platform: string;
  purpose: string;
  areas: string[];
};

export type StartImpersonationSession = {
  type: 'StartImpersonationSession';
  sessionId: string;
  consentId: string;
  token: TokenRequest;
};

export type IssueImpersonationToken = {
  type: 'IssueImpersonationToken';
  sessionId: string;
  token: TokenRequest;
};

/** What the application asks for; the decider caps the lifetime at the consent's expiry. */
export interface TokenRequest {
  tokenId: string;
  audience: string;
  ttlSeconds: number;
}

export type RecordImpersonationActivity = {
  type: 'RecordImpersonationActivity';
  sessionId: string;
  tokenId: string;
  kind: ActivityKind;
  area: string;
  resource: string;
};

export type EndImpersonationSession = {
  type: 'EndImpersonationSession';
  sessionId: string;
  outcome: StepOutcome;
};

export type ProposeRemoteAssistance = {
  type: 'ProposeRemoteAssistance';
  sessionId: string;
  subjectId: string | null;
  purpose: string;
  sessionCodeDigest: string;
};

export type StartRemoteAssistanceSession = {
  type: 'StartRemoteAssistanceSession';
  sessionId: string;
  consentId: string;
};

export type PerformDeviceAction = {
  type: 'PerformDeviceAction';
  sessionId: string;
  actionId: string;
  action: DeviceAction;
  description: string;
  consentId: string | null;
};

export type EndRemoteAssistanceSession = {
  type: 'EndRemoteAssistanceSession';
  sessionId: string;
  outcome: StepOutcome;
};

/** From the expiry timer, or found due on use: sessions whose consent ran out end now. */
export type ExpireDueSessions = { type: 'ExpireDueSessions' };

export type RecordCustomerContact = {
  type: 'RecordCustomerContact';
  contactId: string;
  subjectId: string | null;
  channel: ContactChannel;
  receivedAt: string;
  summary: string;
};

export type CloseAssistanceTicket = {
  type: 'CloseAssistanceTicket';
  resolution: 'resolved' | 'unresolved';
  summary: string | null;
};

export type AssistanceCommand =
  | OpenAssistanceTicket
  | AddInvolvedPerson
  | UpdateContactDetails
  | RecordAssistanceStep
  | AddAttachment
  | ScheduleCallback
  | RequestCustomerData
  | RecordConsent
  | WithdrawConsent
  | RequestImpersonation
  | StartImpersonationSession
  | IssueImpersonationToken
  | RecordImpersonationActivity
  | EndImpersonationSession
  | ProposeRemoteAssistance
  | StartRemoteAssistanceSession
  | PerformDeviceAction
  | EndRemoteAssistanceSession
  | ExpireDueSessions
  | RecordCustomerContact
  | CloseAssistanceTicket;
