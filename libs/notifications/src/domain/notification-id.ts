import { v5 as uuidv5 } from 'uuid';
import { NotificationChannelName } from './customer-notified.event';

/** Fixed namespace for notification ids (a random v4, chosen once). */
const NOTIFICATION_NAMESPACE = '5d0f4a5e-8c1b-4f7e-9a53-2c6b1f0e7d41';

/**
 * One notice, one id: derived from the event that called for it, the template and the channel,
 * so re-reading the log never enqueues or records the same notice twice. It is also the id of
 * the `CustomerNotified` event that records it.
 */
export function notificationIdOf(
  causationEventId: string,
  template: string,
  channel: NotificationChannelName,
): string {
  return uuidv5(`${causationEventId}|${template}|${channel}`, NOTIFICATION_NAMESPACE);
}
