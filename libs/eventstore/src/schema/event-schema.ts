/**
 * Every event type is declared before it can be stored: its current schema version and which of
 * its fields are personal data, grouped by the data subject they belong to.
 */
export interface PersonalDataGroup {
  /** Dot path to an array whose elements are each a group root (e.g. `involved`). */
  each?: string;
  /** Dot path, from the group root, to the data-subject id the fields belong to. */
  subject: string;
  /** Dot paths, from the group root, of the personal fields. */
  fields: string[];
}

export interface EventSchema {
  type: string;
  version: number;
  personal?: PersonalDataGroup[];
}

export interface Upcaster {
  type: string;
  /** The version this upcaster reads; it returns data of `fromVersion + 1`. */
  fromVersion: number;
  upcast(data: unknown): unknown;
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Event type ${eventType} is not registered; declare its schema before storing it`);
    this.name = 'UnknownEventTypeError';
  }
}

export class EventSchemaRegistry {
  private readonly schemas = new Map<string, EventSchema>();
  private readonly upcasters = new Map<string, Upcaster>();

  register(...schemas: EventSchema[]): this {
    for (const schema of schemas) {
      const existing = this.schemas.get(schema.type);
      if (existing && existing !== schema && JSON.stringify(existing) !== JSON.stringify(schema)) {
        throw new Error(`Event type ${schema.type} is registered twice with different schemas`);
      }
      if (!Number.isInteger(schema.version) || schema.version < 1) {
        throw new Error(`Event type ${schema.type} needs a positive integer version`);
      }
      this.schemas.set(schema.type, schema);
    }
    return this;
  }

  registerUpcaster(...upcasters: Upcaster[]): this {
    for (const upcaster of upcasters)
      this.upcasters.set(key(upcaster.type, upcaster.fromVersion), upcaster);
    return this;
  }

  schemaOf(type: string): EventSchema {
    const schema = this.schemas.get(type);
    if (!schema) throw new UnknownEventTypeError(type);
    return schema;
  }

  has(type: string): boolean {
    return this.schemas.has(type);
  }

  /** Brings data stored at `storedVersion` up to the current version, step by step. */
  upcast(type: string, storedVersion: number, data: unknown): { version: number; data: unknown } {
    const current = this.schemas.get(type)?.version ?? storedVersion;
    let version = storedVersion;
    let value = data;
    while (version < current) {
      const upcaster = this.upcasters.get(key(type, version));
      if (!upcaster) throw new Error(`No upcaster for ${type} v${version} → v${version + 1}`);
      value = upcaster.upcast(value);
      version += 1;
    }
    return { version, data: value };
  }
}

function key(type: string, version: number): string {
  return `${type}@${version}`;
}
