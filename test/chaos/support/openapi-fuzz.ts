/**
 * Requests built from the served OpenAPI document for property-based fuzzing: a value shaped by
 * each operation's schemas (from its examples and enums, so that many pass validation and reach
 * the handlers), then one mutation — a missing required field, a wrong type, an unknown field, a
 * huge string, an invalid date, unicode — or garbage in place of the whole body, the path
 * parameters, the query string or the headers.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown> & {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
  minimum?: number;
  maximum?: number;
};

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  method: string;
  template: string;
  query: Parameter[];
  body: Schema | null;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  mutation: string;
}

export function operations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> })?.content;
      out.push({
        method: method.toUpperCase(),
        template,
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: content?.['application/json']?.schema ?? null,
      });
    }
  return out;
}

const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  null,
  [],
  {},
  '',
  'x',
  [1, 'a'],
  { a: 1 },
  '1',
  'true',
];

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202egnirts',
  'ＡＢＣ１２３',
  '😀'.repeat(64),
  'e\u0301\u0301\u0301',
  '\ufeff',
  '𝕏𝔘𝔫𝔦',
  'İıẞ',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '../../etc/passwd',
  '%00%ff',
  'null',
  '__proto__',
  'constructor',
];

const INVALID_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-02T25:61:00+01:00',
  '2026-03-02T09:00:00',
  '2026-03-02',
  '2026-3-2',
  'yesterday',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-000001-01-01T00:00:00Z',
  '2026-03-02T09:00:00+25:00',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-W10-1',
  '20260302T090000Z',
  '2026-03-02T09:00:00.123456789Z',
  '2026-03-29T02:30:00+01:00',
];

const HUGE_LENGTHS = [300, 2_001, 5_001, 70_000, 300_000];

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s: Schema = schema ?? {};
  for (let i = 0; i < 10; i++) {
    if (s.$ref) s = { ...doc.components.schemas[s.$ref.split('/').pop()!], ...omit(s, '$ref') };
    else if (s.allOf?.length) s = { ...resolve(doc, s.allOf[0]), ...omit(s, 'allOf') };
    else break;
  }
  return s;
}

function omit(s: Schema, key: string): Schema {
  const { [key]: _, ...rest } = s;
  return rest as Schema;
}

/** Values the schema describes, mostly its own examples: realistic enough to pass validation. */
export function valueOf(
  doc: OpenApiDocument,
  raw: Schema | undefined,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, raw);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = s.type ?? (s.properties ? 'object' : undefined);
  const generic: fc.Arbitrary<unknown> = (() => {
    switch (type) {
      case 'string':
        return s.format === 'uuid' ? fc.uuid() : fc.string({ maxLength: 24 });
      case 'integer':
        return fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 100_000 });
      case 'number':
        return fc.integer({ min: -5, max: 100_000 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4
          ? fc.constant([])
          : fc.array(valueOf(doc, s.items, depth + 1), { maxLength: 3 });
      case 'object': {
        if (depth > 4 || !s.properties) return fc.constant({});
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, property] of Object.entries(s.properties))
          model[name] = valueOf(doc, property, depth + 1);
        return fc.record(model, { requiredKeys: s.required ?? [] });
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  if (s.example !== undefined && type !== 'object')
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(s.example) },
      { weight: 1, arbitrary: generic },
    );
  return generic;
}

/** Every place in a JSON value: [path, value]. */
function places(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  const out: [(string | number)[], unknown][] = [[path, value]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...path, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...places(v, [...path, k]));
  return out;
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

function removed(root: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}

const unicode = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const huge = fc
  .tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('x', 'é', '😀'))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)));

/** One mutation of a body value; `value` itself now and then. */
function mutationOf(
  value: unknown,
): fc.Arbitrary<{ value: unknown; mutation: string; raw?: string }> {
  const all = places(value);
  const leaves = all.filter(([p, v]) => p.length > 0 && (v === null || typeof v !== 'object'));
  const strings = all.filter(([p, v]) => p.length > 0 && typeof v === 'string');
  const keyed = all.filter(([p]) => p.length > 0 && typeof p[p.length - 1] === 'string');
  const objects = all.filter(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v));
  const pick = <T>(list: T[]) => fc.nat({ max: Math.max(0, list.length - 1) }).map((i) => list[i]);
  const options: fc.WeightedArbitrary<{ value: unknown; mutation: string; raw?: string }>[] = [
    { weight: 3, arbitrary: fc.constant({ value, mutation: 'as generated' }) },
    {
      weight: 1,
      arbitrary: fc.tuple(pick(all), fc.constantFrom(...WRONG_TYPES)).map(([[p], v]) => ({
        value: replaced(value, p, v),
        mutation: `wrong type at ${p.join('.')}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pick(objects), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
        .map(([[p], k, v]) => ({
          value: replaced(value, [...p, `x_${k}`], v),
          mutation: `extra field at ${p.join('.')}`,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(pick(strings.length ? strings : all), unicode).map(([[p], v]) => ({
        value: replaced(value, p, v),
        mutation: `unicode at ${p.join('.')}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pick(strings.length ? strings : all), fc.constantFrom(...INVALID_DATES))
        .map(([[p], v]) => ({
          value: replaced(value, p, v),
          mutation: `invalid date at ${p.join('.')}`,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(pick(leaves.length ? leaves : all), huge).map(([[p], v]) => ({
        value: replaced(value, p, v),
        mutation: `huge string at ${p.join('.')}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => ({ value: v, mutation: 'any JSON instead' })),
        fc
          .constantFrom('{"a":', '{', '\u0000', 'nul', '[1,]', '{"a":1}}', "{'a':1}", '')
          .map((raw) => ({ value, raw, mutation: `malformed JSON ${JSON.stringify(raw)}` })),
        fc
          .integer({ min: 30, max: 200 })
          .map((n) => ({ value: deep(n), mutation: `nested ${n} deep` })),
      ),
    },
  ];
  if (keyed.length)
    options.push({
      weight: 2,
      arbitrary: pick(keyed).map(([p]) => ({
        value: removed(value, p),
        mutation: `missing ${p.join('.')}`,
      })),
    });
  return fc.oneof(...options);
}

function deep(n: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** Percent-encoding for any string: a lone surrogate travels as U+FFFD, as UTF-8 would carry it. */
const encode = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

const pathParameter = (ids: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: unicode.map((s) => encode(s) || '%20') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%E0%A4%A', '..', '%2e%2e%2f', 'a'.repeat(3_000), '0', '-1'),
    },
  );

const headerText = fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s));

function queryOf(doc: OpenApiDocument, params: Parameter[]): fc.Arbitrary<string> {
  if (!params.length) return fc.constant('');
  return fc
    .tuple(
      ...params.map((p) =>
        fc.option(
          fc.oneof(
            { weight: 3, arbitrary: valueOf(doc, p.schema).map((v) => String(v)) },
            { weight: 1, arbitrary: unicode },
            { weight: 1, arbitrary: fc.constantFrom(...INVALID_DATES, ...WRONG_TYPES.map(String)) },
            { weight: 1, arbitrary: huge.map((s) => s.slice(0, 5_000)) },
          ),
          { freq: 2 },
        ),
      ),
    )
    .map((values) =>
      values
        .map((v, i) => (v === null ? null : `${encode(params[i].name)}=${encode(v)}`))
        .filter((q) => q !== null)
        .join('&'),
    );
}

/** A request for one operation, with ids of real tickets among the path parameters. */
export function requestFor(
  doc: OpenApiDocument,
  op: Operation,
  ids: string[],
): fc.Arbitrary<FuzzRequest> {
  const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const path = fc
    .tuple(...names.map(() => pathParameter(ids)))
    .map((values) => names.reduce((t, name, i) => t.replace(`{${name}}`, values[i]), op.template));
  const body = op.body
    ? valueOf(doc, op.body).chain((v) => mutationOf(v))
    : fc.constant({ value: undefined, mutation: 'no body' } as {
        value: unknown;
        mutation: string;
        raw?: string;
      });
  const headers = fc.record(
    {
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'text/plain',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'application/merge-patch+json',
            'multipart/form-data; boundary=x',
          ),
        },
      ),
      ifMatch: fc.oneof(fc.constantFrom('"0"', '"1"', '*', 'W/"0"', '"-1"', '"abc"'), headerText),
      idempotencyKey: fc.oneof(fc.uuid(), headerText, fc.constant('k'.repeat(300))),
    },
    { requiredKeys: ['contentType'] },
  );
  return fc.tuple(path, queryOf(doc, op.query), body, headers).map(([p, q, b, h]) => {
    const out: FuzzRequest = {
      method: op.method,
      path: q ? `${p}?${q}` : p,
      headers: {},
      mutation: b.mutation,
    };
    if (op.method !== 'GET' && op.method !== 'HEAD') {
      out.headers['content-type'] = h.contentType;
      out.body = b.raw ?? (b.value === undefined ? '' : JSON.stringify(b.value));
    }
    if (h.ifMatch !== undefined) out.headers['if-match'] = h.ifMatch;
    if (h.idempotencyKey !== undefined) out.headers['idempotency-key'] = h.idempotencyKey;
    return out;
  });
}
