/** How a `Batched` treats its batches. */
export interface BatchedOptions<Item, Result> {
  /**
   * Tries each item of a failed batch again on its own, so one bad item (a lost race on a unique
   * key, say) fails only its own caller. Without it a failed batch fails every caller.
   */
  single?: (item: Item) => Promise<Result>;
  /**
   * Which failures are worth `single`: not those of a server that cannot be reached, where a
   * second try per item would only double the caller's wait; such a failure also fails the
   * items queued meanwhile. Every failure is worth it when unset.
   */
  retryAlone?: (error: unknown) => boolean;
  /** At most this many items in a batch (200). */
  maxBatch?: number;
  /**
   * Writes: one batch in the database at a time, the next one gathering meanwhile (group commit;
   * the default). Reads: false, a batch every turn of the event loop, however many are running.
   */
  oneAtATime?: boolean;
}

/**
 * Work items of concurrent requests gathered into batches, so they share statements instead of
 * paying for one each. Writes use it as a group commit (one transaction, one multi-row INSERT,
 * one commit for many ratings): items that arrive while a batch is in the database wait and go
 * together in the next one. Reads use it to gather look-ups by id into one `WHERE id IN (…)`.
 * Each caller's promise settles only after the batch holding its item has finished (committed,
 * for a write) or failed.
 *
 * A batch starts after the current turn of the event loop (so requests parsed together go
 * together) and holds at most `maxBatch` items.
 */
export class Batched<Item, Result> {
  private queue: { item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly oneAtATime: boolean;

  constructor(
    private readonly batch: (items: Item[]) => Promise<Result[]>,
    private readonly options: BatchedOptions<Item, Result> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.oneAtATime = options.oneAtATime ?? true;
  }

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    if (this.oneAtATime && this.running > 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0 || (this.oneAtATime && this.running > 0)) return;
    this.running++;
    const taken = this.queue.splice(0, this.maxBatch);
    // More than one batch's worth waiting: the rest need not wait for this one when reading.
    if (!this.oneAtATime) this.schedule();
    try {
      let results: Result[];
      try {
        results = await this.batch(taken.map((t) => t.item));
      } catch (error) {
        const { single, retryAlone } = this.options;
        if (!single) {
          for (const t of taken) t.reject(error);
          return;
        }
        if (retryAlone && !retryAlone(error)) {
          // Those queued behind this batch would meet the same wall after waiting for it: a
          // server out of reach is answered at once (503), not after one timeout per batch.
          for (const t of [...taken, ...this.queue.splice(0)]) t.reject(error);
          return;
        }
        // The batch was rolled back as a whole: every item again, alone.
        await Promise.all(taken.map((t) => single(t.item).then(t.resolve, t.reject)));
        return;
      }
      taken.forEach((t, i) => t.resolve(results[i]));
    } finally {
      this.running--;
      this.schedule();
    }
  }
}
