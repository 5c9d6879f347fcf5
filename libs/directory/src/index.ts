export * from './domain/directory.policy';
export * from './domain/directory.events';
export * from './domain/directory.commands';
export * from './domain/directory.state';
export * from './domain/directory.decider';
export * from './domain/directory-indemnity';
