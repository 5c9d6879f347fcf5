import { FoldedEvent } from '@sportello/decider';
import {
  AffectedScope,
  InterruptionKind,
  MaintenanceEvent,
  MaintenanceNotice,
  NoticeCompliance,
} from './maintenance.events';

export type MaintenanceStatus = 'scheduled' | 'started' | 'ended' | 'cancelled';

export type MaintenanceState =
  | { status: 'none' }
  | {
      status: MaintenanceStatus;
      windowId: string;
      reference: string;
      operator: string;
      policyVersion: string;
      kind: InterruptionKind;
      affected: AffectedScope;
      plannedStart: string;
      plannedEnd: string;
      notice: MaintenanceNotice | null;
      startedAt: string | null;
      endedAt: string | null;
      /** The verdict at the start (MNT-4). */
      compliance: NoticeCompliance;
    };

export type RegisteredWindow = Exclude<MaintenanceState, { status: 'none' }>;

export const initialMaintenanceState = (): MaintenanceState => ({ status: 'none' });

export function evolveMaintenance(
  state: MaintenanceState,
  event: FoldedEvent<MaintenanceEvent>,
): MaintenanceState {
  if (event.type === 'MaintenanceWindowRegistered') {
    const d = event.data;
    return {
      status: 'scheduled',
      windowId: d.windowId,
      reference: d.reference,
      operator: d.operator,
      policyVersion: d.policyVersion,
      kind: d.kind,
      affected: d.affected,
      plannedStart: d.plannedStart,
      plannedEnd: d.plannedEnd,
      notice: d.notice,
      startedAt: null,
      endedAt: null,
      compliance: d.compliance,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MaintenanceNoticePublished':
      return { ...state, notice: event.data.notice, compliance: event.data.compliance };
    case 'MaintenanceWindowRescheduled':
      return {
        ...state,
        plannedStart: event.data.plannedStart,
        plannedEnd: event.data.plannedEnd,
        compliance: event.data.compliance,
      };
    case 'MaintenanceStarted':
      return {
        ...state,
        status: 'started',
        startedAt: event.data.startedAt,
        compliance: event.data.compliance,
      };
    case 'MaintenanceNoticeBreached':
      return state;
    case 'MaintenanceEnded':
      return { ...state, status: 'ended', endedAt: event.data.endedAt };
    case 'MaintenanceNoticeIndemnityAssessed':
      return state;
    case 'MaintenanceWindowCancelled':
      return { ...state, status: 'cancelled' };
    default:
      // Events other modules append (e.g. the indemnity ledger's) change nothing here.
      return state;
  }
}
