import { ContactField } from './customer-notified.event';
import { ContactLookup, NotifiableEvent } from './notification-rules';

/** How an erased personal field reads once its subject's key is gone. */
export const ERASED_VALUE = '[erased]';

/**
 * Reads a contact from one event's opened data (`path` like `customer.email`): found, missing
 * (absent or blank) or erased (masked by crypto-shredding).
 */
export function contactAt(
  event: NotifiableEvent | undefined,
  path: string,
  field: ContactField,
  subjectId: string,
): ContactLookup {
  if (!event) return { status: 'missing' };
  if (event.masked.includes(path)) return { status: 'erased' };
  const value = readPath(event.data, path);
  if (value === ERASED_VALUE) return { status: 'erased' };
  if (typeof value !== 'string' || value.trim() === '') return { status: 'missing' };
  return {
    status: 'found',
    address: value.trim(),
    reference: { subjectId, field, eventId: event.id, path },
  };
}

function readPath(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
