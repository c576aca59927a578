import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time, as the rules that depend on the calendar read it (which financial year is current,
 * which yearly tasks are due). Real time in production; tests running the app in-process move it
 * with `travelTo` instead of sleeping or rewriting rows.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: from now on `now()` reads as `instant` plus the real time elapsed since. */
  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
