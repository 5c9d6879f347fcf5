export * from './domain/fault.policy';
export * from './domain/fault.events';
export * from './domain/fault.commands';
export * from './domain/fault.state';
export * from './domain/fault.decider';
export * from './domain/repair-deadline';
export * from './domain/repair-indemnity';
