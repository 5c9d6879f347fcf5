/**
 * What a feature needs to resolve the data subject of a filing, without the rest of the privacy
 * library (import from `@sportello/privacy/registry`: no cycle with the features it reads).
 */
export * from '../domain/subject-identifiers';
export * from './blind-index';
export * from './subject-registry';
export * from './subject-registry.module';
export * from '../config/privacy-config';
