import { RequestContext, RequestContextStore } from '@sportello/platform';

/**
 * Which subjects' personal data the current request has opened: the key vault reports every key
 * it hands out to decrypt, and the request context says whose request it is. Background work
 * (projections, timers, notices) runs outside any request and is not counted.
 */
export class PersonalDataReads {
  private readonly reads = new WeakMap<RequestContextStore, Set<string>>();

  constructor(private readonly context: RequestContext) {}

  /** The listener for `SqlKeyVault.onKeyRead`. */
  readonly onKeyRead = (subjectId: string): void => {
    const store = this.context.current();
    if (!store?.actor) return;
    const subjects = this.reads.get(store);
    if (subjects) subjects.add(subjectId);
    else this.reads.set(store, new Set([subjectId]));
  };

  /** The subjects read so far by this request; the next call starts afresh. */
  take(store: RequestContextStore): Set<string> {
    const subjects = this.reads.get(store) ?? new Set<string>();
    this.reads.delete(store);
    return subjects;
  }
}
