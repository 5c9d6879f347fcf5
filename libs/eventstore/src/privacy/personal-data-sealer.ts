import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventSchema, PersonalDataGroup } from '../schema/event-schema';
import { SubjectKeyVault } from './subject-key-vault';

/** What a personal field looks like once stored: only ciphertext and the subject's id. */
export interface SealedValue {
  $sealed: 1;
  subject: string;
  iv: string;
  tag: string;
  ct: string;
}

/** The clearly masked value read back when a subject's key has been destroyed. */
export const ERASED = '[erased]';

export class PersonalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' && value !== null && (value as { $sealed?: unknown }).$sealed === 1
  );
}

/**
 * Encrypts the personal fields an event schema declares (AES-256-GCM, one key per data subject,
 * the event id and field path as associated data so a ciphertext cannot be moved elsewhere).
 */
export class PersonalDataSealer {
  constructor(private readonly vault: SubjectKeyVault) {}

  async seal(
    eventId: string,
    schema: EventSchema,
    data: unknown,
  ): Promise<{ data: unknown; subjectIds: string[] }> {
    const copy = structuredClone(data);
    const subjectIds = new Set<string>();
    for (const group of schema.personal ?? []) {
      for (const { root, prefix } of groupRoots(copy, group)) {
        const subject = getPath(root, group.subject);
        const hasPersonal = group.fields.some(
          (field) => getPath(root, field) !== undefined && getPath(root, field) !== null,
        );
        if (!hasPersonal) continue;
        if (typeof subject !== 'string' || subject.length === 0) {
          throw new PersonalDataError(
            `${schema.type}: personal fields at ${prefix || '(root)'} need a subject id at ${group.subject}`,
          );
        }
        subjectIds.add(subject);
        const key = await this.vault.keyFor(subject);
        for (const field of group.fields) {
          const value = getPath(root, field);
          if (value === undefined || value === null || isSealedValue(value)) continue;
          setPath(root, field, encrypt(key, subject, value, aad(eventId, join(prefix, field))));
        }
      }
    }
    return { data: copy, subjectIds: [...subjectIds] };
  }

  /** Opens every sealed value found; those whose key is gone read as `ERASED`. */
  async open(eventId: string, data: unknown): Promise<{ data: unknown; masked: string[] }> {
    const masked: string[] = [];
    const keys = new Map<string, Buffer | null>();
    const visit = async (value: unknown, path: string): Promise<unknown> => {
      if (isSealedValue(value)) {
        if (!keys.has(value.subject))
          keys.set(value.subject, await this.vault.findKey(value.subject));
        const key = keys.get(value.subject);
        if (!key) {
          masked.push(path);
          return ERASED;
        }
        return decrypt(key, value, aad(eventId, path));
      }
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++)
          out.push(await visit(value[i], join(path, String(i))));
        return out;
      }
      if (typeof value === 'object' && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await visit(v, join(path, k));
        return out;
      }
      return value;
    };
    if (!containsSealed(data)) return { data, masked };
    return { data: await visit(data, ''), masked };
  }
}

function containsSealed(value: unknown): boolean {
  if (isSealedValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSealed);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsSealed);
  return false;
}

function encrypt(key: Buffer, subject: string, value: unknown, associated: Buffer): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associated);
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    $sealed: 1,
    subject,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

function decrypt(key: Buffer, sealed: SealedValue, associated: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(associated);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const clear = Buffer.concat([
    decipher.update(Buffer.from(sealed.ct, 'base64')),
    decipher.final(),
  ]);
  return JSON.parse(clear.toString('utf8'));
}

function aad(eventId: string, path: string): Buffer {
  return Buffer.from(`${eventId}|${path}`, 'utf8');
}

function* groupRoots(
  data: unknown,
  group: PersonalDataGroup,
): Generator<{ root: unknown; prefix: string }> {
  if (!group.each) {
    yield { root: data, prefix: '' };
    return;
  }
  const items = getPath(data, group.each);
  if (!Array.isArray(items)) return;
  for (let i = 0; i < items.length; i++)
    yield { root: items[i], prefix: join(group.each, String(i)) };
}

function join(prefix: string, path: string): string {
  return prefix ? `${prefix}.${path}` : path;
}

function getPath(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(root: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = root as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}
