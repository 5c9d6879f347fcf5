/**
 * Customer notifications (NTF-*). A library contributes a `NotificationRuleSet` (see
 * domain/notification-rules.ts for how to register it); the worker enqueues notices in an outbox
 * from the log, sends them through a channel and records `CustomerNotified` on the ticket.
 */
export * from './domain/customer-notified.event';
export * from './domain/notification-rules';
export * from './domain/notification-rule-registry';
export * from './domain/notification-id';
export * from './domain/contacts';
export * from './domain/notice-formatting';
export * from './domain/retry-policy';
export * from './channels/notification-channel';
export * from './notifications.schemas';
export * from './channels/logging-channels';
export * from './channels/smtp-email.channel';
export * from './outbox/notification-outbox';
export * from './outbox/notification-outbox.projection';
export * from './dispatching/notification-dispatcher';
export * from './notifications.config';
export * from './notifications.tables';
export * from './notifications-worker.module';
