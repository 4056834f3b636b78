/**
 * Bytes of photos one client address may upload per hour. Uploads nothing references are
 * deleted after 24 h, so this bounds what one address can leave on the disk at about
 * 24 × the hourly quota. Kept in memory per instance, like the request rate limits; generous,
 * because a service hall's citizens share one NAT address.
 */
export const UPLOAD_WINDOW_MS = 60 * 60_000;

export class UploadQuota {
  private readonly used = new Map<string, { windowStart: number; bytes: number }>();

  constructor(private readonly bytesPerHour: number) {}

  /** Milliseconds until `address` may upload `bytes` more (0: now). */
  waitFor(address: string, bytes: number, now: number): number {
    const entry = this.current(address, now);
    if (!entry || entry.bytes + bytes <= this.bytesPerHour) return 0;
    return entry.windowStart + UPLOAD_WINDOW_MS - now;
  }

  take(address: string, bytes: number, now: number): void {
    const entry = this.current(address, now) ?? { windowStart: now, bytes: 0 };
    entry.bytes += bytes;
    this.used.set(address, entry);
    if (this.used.size > 50_000) {
      for (const [key, e] of this.used) {
        if (now - e.windowStart >= UPLOAD_WINDOW_MS) this.used.delete(key);
      }
    }
  }

  private current(address: string, now: number) {
    const entry = this.used.get(address);
    if (entry && now - entry.windowStart >= UPLOAD_WINDOW_MS) {
      this.used.delete(address);
      return undefined;
    }
    return entry;
  }
}
