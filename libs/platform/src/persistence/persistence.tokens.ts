/** The storage adapter under the event store (PostgreSQL, PGlite or KurrentDB). */
export const EVENT_STORAGE = Symbol('EVENT_STORAGE');
