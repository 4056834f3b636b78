/**
 * Work items that arrive while a batch is in the database wait and go together in the next batch,
 * so concurrent requests share its statements instead of paying for one each. Writes use it as a
 * group commit (one transaction, one multi-row INSERT, one commit for many ratings); reads to
 * gather look-ups by id into one `WHERE id IN (…)`. Each caller's promise settles only after the
 * batch holding its item has finished (committed, for a write) or failed.
 *
 * A batch starts as soon as none is running (after the current turn of the event loop, so
 * requests parsed together go together), and holds at most `maxBatch` items. When a whole batch
 * fails, each of its items is tried again on its own through `single`, so one bad item (a lost
 * race on a unique key, say) fails only its own caller.
 */
export class Batched<Item, Result> {
  private queue: { item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly batch: (items: Item[]) => Promise<Result[]>,
    private readonly single: (item: Item) => Promise<Result>,
    private readonly maxBatch = 200,
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const taken = this.queue.splice(0, this.maxBatch);
    try {
      let results: Result[] | null = null;
      try {
        results = await this.batch(taken.map((t) => t.item));
      } catch {
        results = null;
      }
      if (results) {
        taken.forEach((t, i) => t.resolve(results[i]));
      } else {
        // The batch was rolled back as a whole: every item again, alone.
        await Promise.all(taken.map((t) => this.single(t.item).then(t.resolve, t.reject)));
      }
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}
