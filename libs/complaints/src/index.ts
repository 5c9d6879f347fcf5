export * from './domain/complaint.events';
export * from './domain/complaint.commands';
export * from './domain/complaint.policy';
export * from './domain/complaint.state';
export * from './domain/complaint.decider';
export * from './domain/complaint-deadlines';
export * from './complaint.schemas';
export * from './read-models/complaints-list.projection';
