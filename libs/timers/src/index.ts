export * from './deadline';
export * from './deadline-scheduler';
export * from './deadline-worker';
export * from './deadline-reconciler';
export * from './nest/timers.module';
