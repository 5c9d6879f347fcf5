export * from './domain/quality-period';
export * from './domain/quality-indicators';
export * from './read-models/quality-facts.projection';
export * from './application/quality-reports';
export * from './quality.module';
export * from './quality-worker.module';
