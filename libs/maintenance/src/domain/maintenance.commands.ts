import { AffectedScope, InterruptionKind } from './maintenance.events';
import { MaintenanceChannel, MaintenancePolicy } from './maintenance.policy';

/** Commands that need policy figures carry the version the window is pinned to (CAL-9). */

export type RegisterMaintenanceWindow = {
  type: 'RegisterMaintenanceWindow';
  windowId: string;
  /** The window's reference, e.g. `MW-2026-7K4M9QX2`. */
  reference: string;
  policy: MaintenancePolicy;
  kind: InterruptionKind;
  area: string | null;
  affected: AffectedScope;
  plannedStart: string;
  plannedEnd: string;
  description: string;
  /** A notice already published when the window is registered. */
  notice: { noticeId: string; publishedAt: string; channel: MaintenanceChannel } | null;
};

export type PublishMaintenanceNotice = {
  type: 'PublishMaintenanceNotice';
  policy: MaintenancePolicy;
  noticeId: string;
  publishedAt: string;
  channel: MaintenanceChannel;
};

export type RescheduleMaintenanceWindow = {
  type: 'RescheduleMaintenanceWindow';
  policy: MaintenancePolicy;
  plannedStart: string;
  plannedEnd: string;
  reason: string;
};

export type RecordMaintenanceStart = {
  type: 'RecordMaintenanceStart';
  policy: MaintenancePolicy;
  startedAt: string;
};

export type RecordMaintenanceEnd = {
  type: 'RecordMaintenanceEnd';
  policy: MaintenancePolicy;
  endedAt: string;
};

export type CancelMaintenanceWindow = { type: 'CancelMaintenanceWindow'; reason: string };

export type MaintenanceCommand =
  | RegisterMaintenanceWindow
  | PublishMaintenanceNotice
  | RescheduleMaintenanceWindow
  | RecordMaintenanceStart
  | RecordMaintenanceEnd
  | CancelMaintenanceWindow;
