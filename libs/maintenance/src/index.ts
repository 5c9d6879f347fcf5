export * from './domain/maintenance.policy';
export * from './domain/maintenance.events';
export * from './domain/maintenance.commands';
export * from './domain/maintenance.state';
export * from './domain/maintenance.decider';
export * from './domain/notice-compliance';
export * from './domain/notice-indemnity';
