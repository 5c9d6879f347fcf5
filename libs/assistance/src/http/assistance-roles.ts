import { Role } from '@sportello/platform';

/** PRV-1: technical support and customer service work on tickets (`ticket.accessRoles`). */
export const WORKERS: [Role, ...Role[]] = ['operator', 'supervisor'];
/** PRV-1: auditors and privacy officers read through their own audited roles. */
export const AUDITED: [Role, ...Role[]] = ['auditor', 'privacy_officer'];
export const READERS: [Role, ...Role[]] = [...WORKERS, ...AUDITED];
/** The audit view: supervisors, auditors and privacy officers. */
export const AUDIT_READERS: [Role, ...Role[]] = ['supervisor', ...AUDITED];
