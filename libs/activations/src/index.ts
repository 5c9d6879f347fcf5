export * from './domain/activation.policy';
export * from './domain/activation.events';
export * from './domain/activation.commands';
export * from './domain/activation.state';
export * from './domain/activation.decider';
export * from './domain/activation-deadline';
export * from './domain/activation-indemnity';
