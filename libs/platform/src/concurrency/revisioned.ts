/**
 * A ticket resource and the stream revision it was read at: controllers return this and the
 * ETag interceptor turns the revision into the `ETag` header.
 */
export class Revisioned<T> {
  constructor(
    readonly body: T,
    readonly revision: number | null,
    /** Where the resource lives, for a 201 `Location` header. */
    readonly location?: string,
  ) {}
}

export function revisioned<T>(body: T, revision: number | null, location?: string): Revisioned<T> {
  return new Revisioned(body, revision, location);
}
