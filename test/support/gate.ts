/** Lets a test hold commands half-way, to have requests (or jobs) in flight on purpose. */
export class Gate {
  private closed: Promise<void> | null = null;
  private open: (() => void) | null = null;
  private waiting = 0;
  private arrivals: (() => void)[] = [];

  close(): void {
    this.closed = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.closed = null;
  }

  async pass(): Promise<void> {
    if (!this.closed) return;
    this.waiting += 1;
    for (const arrived of this.arrivals.splice(0)) arrived();
    await this.closed;
    this.waiting -= 1;
  }

  /** Resolves once someone is waiting at the closed gate. */
  someoneWaiting(): Promise<void> {
    if (this.waiting > 0) return Promise.resolve();
    return new Promise((resolve) => this.arrivals.push(resolve));
  }
}

export const NOTE_GATE = Symbol('NOTE_GATE');
