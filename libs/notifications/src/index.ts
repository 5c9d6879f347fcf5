export * from './domain/customer-notified.event';
