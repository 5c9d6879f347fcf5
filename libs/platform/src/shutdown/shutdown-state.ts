import { Injectable } from '@nestjs/common';

/** Set when the process starts shutting down: readiness turns 503 so traffic moves elsewhere. */
@Injectable()
export class ShutdownState {
  draining = false;
}
