/**
 * Privacy (issue 8; PRV-*): the subject registry (blind indexes), exports, erasure by
 * crypto-shredding, rectification and retention. Features resolve a filing's subject through
 * `@sportello/privacy/registry`; the auditors' tools use `SubjectExporter` and `renderExportPdf`.
 */
export * from './domain/subject-identifiers';
export * from './domain/data-subject.events';
export * from './domain/data-subject.commands';
export * from './domain/data-subject.state';
export * from './domain/data-subject.decider';
export * from './domain/privacy-policy';
export * from './domain/legal-holds';
export * from './domain/retention';
export * from './domain/subject-streams';
export * from './domain/personal-fields';
export * from './domain/request-deadline';
export * from './registry/blind-index';
export * from './registry/subject-registry';
export * from './registry/subject-registry.module';
export * from './config/privacy-config';
export * from './policies/privacy-policy.loader';
export * from './policies/privacy-policy.validation';
export * from './read-models/subject-streams.projection';
export * from './application/records/subject-streams';
export * from './application/records/stream-facts';
export * from './application/exporting/subject-export';
export * from './application/exporting/subject-exporter';
export * from './application/exporting/create-subject-exporter';
export * from './application/exporting/export-pdf';
export * from './application/erasing/read-model-scrubbers';
export * from './application/erasing/subject-erasure';
export * from './application/rectifying/subject-rectification';
export * from './application/retention/retention';
export * from './access/access-log';
export * from './privacy.schemas';
export * from './privacy.tables';
export * from './privacy-core.module';
export * from './privacy.module';
export * from './privacy-worker.module';
