import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { AuthenticatedActor } from '../auth/actor';

export interface RequestContextStore {
  /** Also the correlation id of every event the request causes. */
  requestId: string;
  /** Set by the auth guard once the bearer token is verified; never from the request body. */
  actor?: AuthenticatedActor;
}

/**
 * The current request's id and authenticated actor, available to everything the request calls
 * (command handlers included) without making providers request-scoped.
 */
@Injectable()
export class RequestContext {
  private readonly storage = new AsyncLocalStorage<RequestContextStore>();

  run<T>(store: RequestContextStore, fn: () => T): T {
    return this.storage.run(store, fn);
  }

  current(): RequestContextStore | undefined {
    return this.storage.getStore();
  }

  setActor(actor: AuthenticatedActor): void {
    const store = this.storage.getStore();
    if (!store) throw new Error('No request context: the actor can only be set inside a request');
    store.actor = actor;
  }
}
