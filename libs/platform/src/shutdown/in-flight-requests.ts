import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Counts requests being served, so shutdown can wait until the last one has answered. */
@Injectable()
export class InFlightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  middleware() {
    return (_req: Request, res: Response, next: NextFunction): void => {
      this.count += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.count -= 1;
        if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
  }

  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
