import { IdentifierKind, normalizeIdentifier } from './subject-identifiers';

/** What an export shows in place of another data subject's data (issue 8: nothing of others). */
export const OTHER_SUBJECT = '[other data subject]';

export type FieldCategory =
  'name' | 'fiscalCode' | 'vatNumber' | 'phone' | 'email' | 'lineId' | 'address' | 'text';

const CATEGORY_BY_KEY: Record<string, FieldCategory> = {
  name: 'name',
  holderName: 'name',
  fiscalCode: 'fiscalCode',
  vatNumber: 'vatNumber',
  phone: 'phone',
  phoneNumber: 'phone',
  email: 'email',
  lineId: 'lineId',
  place: 'address',
  address: 'address',
};

/** `customer.phone` → `phone`; `outage.place` → `address`; anything else is free text. */
export function categoryOf(path: string): FieldCategory {
  const key = path.split('.').pop() ?? path;
  return CATEGORY_BY_KEY[key] ?? 'text';
}

export interface PersonalField {
  path: string;
  subjectId: string;
  category: FieldCategory;
  value: unknown;
}

/** The stored form of a personal field: ciphertext and the id of the subject whose key seals it. */
function sealedSubject(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const sealed = value as { $sealed?: unknown; subject?: unknown };
  return sealed.$sealed === 1 && typeof sealed.subject === 'string' ? sealed.subject : null;
}

/** Every sealed value in an event's stored data: where it is and whose it is. */
export function sealedPaths(stored: unknown): { path: string; subjectId: string }[] {
  const found: { path: string; subjectId: string }[] = [];
  const visit = (node: unknown, path: string) => {
    const subjectId = sealedSubject(node);
    if (subjectId) return void found.push({ path, subjectId });
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, join(path, String(i))));
    else if (typeof node === 'object' && node !== null)
      for (const [key, item] of Object.entries(node)) visit(item, join(path, key));
  };
  visit(stored, '');
  return found;
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
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) return;
    node = node[part] as Record<string, unknown>;
  }
  if (parts[parts.length - 1] in node) node[parts[parts.length - 1]] = value;
}

const join = (prefix: string, path: string) => (prefix ? `${prefix}.${path}` : path);

export interface SubjectView {
  /** The event data with every other subject's personal fields and ids replaced. */
  data: unknown;
  /** This subject's personal fields, as opened (`[erased]` once its key is destroyed). */
  personal: PersonalField[];
}

/**
 * One event as one subject's export shows it (issue 8: everything about the subject, nothing of
 * anyone else). Which field is whose comes from the stored form, where each sealed value names
 * its subject, so no schema is needed and none can be forgotten.
 */
export function subjectView(stored: unknown, opened: unknown, subjectId: string): SubjectView {
  const data = structuredClone(opened);
  const personal: PersonalField[] = [];
  const others = new Set<string>();
  for (const { path, subjectId: owner } of sealedPaths(stored)) {
    if (owner === subjectId)
      personal.push({ path, subjectId, category: categoryOf(path), value: getPath(opened, path) });
    else {
      others.add(owner);
      setPath(data, path, OTHER_SUBJECT);
    }
  }
  const hideIds = (node: unknown): unknown => {
    if (typeof node === 'string') return others.has(node) ? OTHER_SUBJECT : node;
    if (Array.isArray(node)) return node.map(hideIds);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, hideIds(v)]));
    return node;
  };
  return { data: others.size ? hideIds(data) : data, personal };
}

export interface Rectification {
  value: string;
  replaces: string[];
  /** For an identifier, replaced values are recognised in any spelling (`+39 333…`, `333…`). */
  kind?: IdentifierKind | null;
}

/** Where an identifier of each kind may appear inside a text. */
const TOKENS: Record<IdentifierKind, RegExp> = {
  phone: /(?:\+|00)?\d[\d .\-/()]{4,}\d/g,
  email: /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g,
  fiscal_code: /\b[A-Za-z0-9]{11,16}\b/g,
  vat_number: /\b(?:IT)?\d{11}\b/gi,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Issue 8, rectification: outside an auditor's view a corrected value is never shown again.
 * A value equal to a replaced one, or a text mentioning it (an identifier in any spelling), shows
 * the correct one instead, in the order the corrections were made (A→B then B→C shows C wherever
 * A or B was). Applying it twice changes nothing.
 */
export function applyRectifications<T>(value: T, rectifications: Rectification[]): T {
  const steps = rectifications.filter((r) => r.replaces.length > 0);
  if (steps.length === 0) return value;
  const rewriteOne = (text: string, step: Rectification, old: string): string => {
    if (text === old) return step.value;
    const kind = step.kind ?? null;
    if (kind) {
      const target = normalizeIdentifier(kind, old);
      if (target === null) return text;
      if (normalizeIdentifier(kind, text) === target) return step.value;
      return text.replace(TOKENS[kind], (token) =>
        normalizeIdentifier(kind, token) === target ? step.value : token,
      );
    }
    // A text is corrected only where the correction cannot grow on itself ("Maria" → "Maria Rossi").
    return step.value.includes(old) ? text : text.split(old).join(step.value);
  };
  const rewrite = (text: string) => {
    for (const step of steps) for (const old of step.replaces) text = rewriteOne(text, step, old);
    return text;
  };
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return rewrite(node);
    if (Array.isArray(node)) return node.map(visit);
    if (isPlainObject(node))
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return visit(value) as T;
}
