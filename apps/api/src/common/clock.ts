import { chinaDate, chinaMonth } from '@haochaping/domain';

/**
 * The application's idea of "now". Every rule that depends on the time (due dates, rating
 * windows, month keys, overdue scans, rate limits) reads it from here, so tests and tools can fix
 * the instant they need instead of depending on the day they run.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Milliseconds since the epoch, like Date.now(). */
  nowMs(): number {
    return this.now().getTime();
  }

  /** Today's calendar date in China, 'YYYY-MM-DD'. */
  today(): string {
    return chinaDate(this.now());
  }

  /** This month in China, 'YYYY-MM'. */
  month(): string {
    return chinaMonth(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that starts at a chosen instant and then runs at the speed of real time, so elapsed
 * time (rate-limit windows, leases, token ages) behaves as in production while the date is fixed.
 */
export class OffsetClock extends Clock {
  private offsetMs = 0;

  constructor(start?: Date | string) {
    super();
    if (start !== undefined) this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Jump to an instant; time keeps running from there. */
  set(instant: Date | string): void {
    const at = typeof instant === 'string' ? new Date(instant) : instant;
    if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
    this.offsetMs = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
