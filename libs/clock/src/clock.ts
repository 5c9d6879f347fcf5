/** The only source of "now" in Sportello: inject it, never read the wall clock directly. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

type ClockListener = (now: Date) => void;

/** A clock that only moves when told to: tests and acceptance runs drive time with it. */
export class TestClock implements Clock {
  private current: number;
  private readonly listeners = new Set<ClockListener>();

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = toMillis(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): Date {
    this.current = toMillis(instant);
    this.notify();
    return this.now();
  }

  advance(by: {
    milliseconds?: number;
    seconds?: number;
    minutes?: number;
    hours?: number;
    days?: number;
  }): Date {
    const ms =
      (by.milliseconds ?? 0) +
      (by.seconds ?? 0) * 1_000 +
      (by.minutes ?? 0) * 60_000 +
      (by.hours ?? 0) * 3_600_000 +
      (by.days ?? 0) * 86_400_000;
    if (ms < 0) throw new RangeError('A test clock only moves forward');
    this.current += ms;
    this.notify();
    return this.now();
  }

  /** Called after every move, so timers can fire what has fallen due. */
  onChange(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }
}

function toMillis(instant: Date | string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return ms;
}
