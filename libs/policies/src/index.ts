export * from './operator-policy';
export * from './policy-validation';
export * from './policy-catalog';
export * from './policy-loader';
export * from './nest/policy-catalog.module';
export * from './nest/policies-http.module';
export * from './nest/what-if.registry';
