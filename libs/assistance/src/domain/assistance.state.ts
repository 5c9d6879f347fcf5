import { FoldedEvent } from '@sportello/decider';
import {
  AssistanceEvent,
  ConsentKind,
  Device,
  DeviceAction,
  StepOutcome,
} from './assistance.events';
import { ProblemCategory } from './assistance.policy';

export interface Consent {
  consentId: string;
  kind: ConsentKind;
  sessionId: string;
  subjectId: string;
  givenAt: string;
  expiresAt: string;
  device: Device | null;
  action: DeviceAction | null;
  /** given → in use (a session started, or a device action done under it) → spent/withdrawn. */
  status: 'given' | 'in_use' | 'spent' | 'withdrawn';
}

export type SessionStatus = 'requested' | 'active' | 'ended' | 'expired';

export interface ImpersonationSession {
  sessionId: string;
  subjectId: string;
  operatorId: string;
  platform: string;
  areas: string[];
  status: SessionStatus;
  consentId: string | null;
  expiresAt: string | null;
  /** Token id → its expiry. */
  tokens: Record<string, string>;
}

export interface RemoteSession {
  sessionId: string;
  subjectId: string;
  operatorId: string;
  sessionCodeDigest: string;
  /** RAS-3: the code authorises one session, once. */
  codeConfirmed: boolean;
  status: SessionStatus;
  consentId: string | null;
  expiresAt: string | null;
}

export type AssistanceState =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      ticketId: string;
      reference: string;
      operator: string;
      policyVersion: string;
      category: ProblemCategory;
      platform: string | null;
      callerSubjectId: string;
      subjectIds: string[];
      openedAt: string;
      closedAt: string | null;
      consents: Record<string, Consent>;
      impersonations: Record<string, ImpersonationSession>;
      remoteSessions: Record<string, RemoteSession>;
      /** RAS-1: earlier steps recorded as not having solved the problem. */
      nonResolutiveSteps: number;
    };

export type OpenedTicket = Exclude<AssistanceState, { status: 'none' }>;

export const initialAssistanceState = (): AssistanceState => ({ status: 'none' });

const counts = (outcome: StepOutcome | null) => (outcome === 'not_resolved' ? 1 : 0);

export function evolveAssistance(
  state: AssistanceState,
  event: FoldedEvent<AssistanceEvent>,
): AssistanceState {
  if (event.type === 'AssistanceTicketOpened') {
    const d = event.data;
    return {
      status: 'open',
      ticketId: d.ticketId,
      reference: d.reference,
      operator: d.operator,
      policyVersion: d.policyVersion,
      category: d.problem.category,
      platform: d.problem.platform,
      callerSubjectId: d.caller.subjectId,
      subjectIds: [d.caller.subjectId, ...d.involved.map((p) => p.subjectId)],
      openedAt: d.openedAt,
      closedAt: null,
      consents: {},
      impersonations: {},
      remoteSessions: {},
      nonResolutiveSteps: 0,
    };
  }
  if (state.status === 'none') return state;
  const consent = (id: string, change: Partial<Consent>) =>
    state.consents[id]
      ? { consents: { ...state.consents, [id]: { ...state.consents[id], ...change } } }
      : {};
  const impersonation = (id: string, change: Partial<ImpersonationSession>) => ({
    impersonations: { ...state.impersonations, [id]: { ...state.impersonations[id], ...change } },
  });
  const remote = (id: string, change: Partial<RemoteSession>) => ({
    remoteSessions: { ...state.remoteSessions, [id]: { ...state.remoteSessions[id], ...change } },
  });
  switch (event.type) {
    case 'InvolvedPersonAdded':
      return { ...state, subjectIds: [...state.subjectIds, event.data.person.subjectId] };
    case 'AssistanceStepRecorded':
      return {
        ...state,
        nonResolutiveSteps: state.nonResolutiveSteps + counts(event.data.outcome),
      };
    case 'CustomerConsentRecorded': {
      const d = event.data;
      const next: OpenedTicket = {
        ...state,
        consents: {
          ...state.consents,
          [d.consentId]: {
            consentId: d.consentId,
            kind: d.kind,
            sessionId: d.sessionId,
            subjectId: d.subjectId,
            givenAt: d.givenAt,
            expiresAt: d.expiresAt,
            device: d.device,
            action: d.action?.kind ?? null,
            status: 'given',
          },
        },
      };
      return d.kind === 'remote_assistance' && state.remoteSessions[d.sessionId]
        ? { ...next, ...remoteWith(next, d.sessionId, { codeConfirmed: true }) }
        : next;
    }
    case 'CustomerConsentWithdrawn':
      return { ...state, ...consent(event.data.consentId, { status: 'withdrawn' }) };
    case 'ImpersonationRequested': {
      const d = event.data;
      return {
        ...state,
        impersonations: {
          ...state.impersonations,
          [d.sessionId]: {
            sessionId: d.sessionId,
            subjectId: d.subjectId,
            operatorId: d.operatorId,
            platform: d.platform,
            areas: d.areas,
            status: 'requested',
            consentId: null,
            expiresAt: null,
            tokens: {},
          },
        },
      };
    }
    case 'ImpersonationSessionStarted':
      return {
        ...state,
        ...consent(event.data.consentId, { status: 'in_use' }),
        ...impersonation(event.data.sessionId, {
          status: 'active',
          consentId: event.data.consentId,
          expiresAt: event.data.expiresAt,
        }),
      };
    case 'ImpersonationTokenIssued': {
      const session = state.impersonations[event.data.sessionId];
      return {
        ...state,
        ...impersonation(event.data.sessionId, {
          tokens: { ...session.tokens, [event.data.tokenId]: event.data.expiresAt },
        }),
      };
    }
    case 'ImpersonationSessionEnded': {
      const session = state.impersonations[event.data.sessionId];
      return {
        ...state,
        ...spendSession(state, event.data.sessionId, session.consentId),
        ...impersonation(event.data.sessionId, { status: 'ended' }),
        nonResolutiveSteps: state.nonResolutiveSteps + counts(event.data.outcome),
      };
    }
    case 'ImpersonationSessionExpired':
      return {
        ...state,
        ...spendSession(state, event.data.sessionId, event.data.consentId),
        ...impersonation(event.data.sessionId, { status: 'expired' }),
      };
    case 'RemoteAssistanceProposed': {
      const d = event.data;
      return {
        ...state,
        remoteSessions: {
          ...state.remoteSessions,
          [d.sessionId]: {
            sessionId: d.sessionId,
            subjectId: d.subjectId,
            operatorId: d.operatorId,
            sessionCodeDigest: d.sessionCodeDigest,
            codeConfirmed: false,
            status: 'requested',
            consentId: null,
            expiresAt: null,
          },
        },
      };
    }
    case 'RemoteAssistanceSessionStarted':
      return {
        ...state,
        ...consent(event.data.consentId, { status: 'in_use' }),
        ...remote(event.data.sessionId, {
          status: 'active',
          consentId: event.data.consentId,
          expiresAt: event.data.expiresAt,
        }),
      };
    case 'RemoteDeviceActionPerformed':
      return event.data.consentId
        ? { ...state, ...consent(event.data.consentId, { status: 'spent' }) }
        : state;
    case 'RemoteAssistanceSessionEnded': {
      const session = state.remoteSessions[event.data.sessionId];
      return {
        ...state,
        ...spendSession(state, event.data.sessionId, session.consentId),
        ...remote(event.data.sessionId, { status: 'ended' }),
        nonResolutiveSteps: state.nonResolutiveSteps + counts(event.data.outcome),
      };
    }
    case 'RemoteAssistanceSessionExpired':
      return {
        ...state,
        ...spendSession(state, event.data.sessionId, event.data.consentId),
        ...remote(event.data.sessionId, { status: 'expired' }),
      };
    case 'AssistanceTicketClosed':
      return { ...state, status: 'closed', closedAt: event.data.closedAt };
    case 'AssistanceTicketReopened':
      return { ...state, status: 'open', closedAt: null };
    default:
      // Details, steps without consequence for the rules, and the recorded refusals.
      return state;
  }
}

function remoteWith(state: OpenedTicket, sessionId: string, change: Partial<RemoteSession>) {
  return {
    remoteSessions: {
      ...state.remoteSessions,
      [sessionId]: { ...state.remoteSessions[sessionId], ...change },
    },
  };
}

/** RAS-3, IMP-5: a consent expires with its session, and so does every device-action consent
 * given within it. */
function spendSession(state: OpenedTicket, sessionId: string, consentId: string | null) {
  const consents = { ...state.consents };
  for (const consent of Object.values(consents))
    if (
      (consent.consentId === consentId || consent.sessionId === sessionId) &&
      consent.status !== 'withdrawn'
    )
      consents[consent.consentId] = { ...consent, status: 'spent' };
  return { consents };
}
