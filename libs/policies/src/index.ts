export * from './operator-policy';
export * from './policy-validation';
export * from './policy-catalog';
export * from './policy-loader';
