import { Batched } from './batched';

/** A promise settled from outside, to hold a batch "in the database" while more work arrives. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('Batched', () => {
  it('writes the items added in one turn as one batch and answers each its own result', async () => {
    const batches: number[][] = [];
    const commit = new Batched<number, string>((items) => {
      batches.push(items);
      return Promise.resolve(items.map((n) => `#${n}`));
    });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.add(n)));
    expect(answers).toEqual(['#1', '#2', '#3', '#4', '#5']);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('gathers what arrives while a batch is written into the next batch, never two at once', async () => {
    const batches: number[][] = [];
    const first = gate();
    let writing = 0;
    let most = 0;
    const commit = new Batched<number, number>(async (items) => {
      writing++;
      most = Math.max(most, writing);
      batches.push(items);
      if (batches.length === 1) await first.promise;
      writing--;
      return items.map((n) => n * 10);
    });
    const early = commit.add(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch has started
    expect(batches).toEqual([[1]]);
    const late = [2, 3, 4].map((n) => commit.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]); // waiting for the first to commit
    first.open();
    expect(await early).toBe(10);
    expect(await Promise.all(late)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(most).toBe(1);
  });

  it('holds at most maxBatch items in a batch', async () => {
    const sizes: number[] = [];
    const commit = new Batched<number, number>(
      (items) => {
        sizes.push(items.length);
        return Promise.resolve(items);
      },
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.add(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('tries every item of a failed batch alone, so only the bad one fails its caller', async () => {
    const singles: number[] = [];
    const commit = new Batched<number, number>(
      () => Promise.reject(new Error('duplicate key in the batch')),
      {
        single: (n) => {
          singles.push(n);
          return n === 2 ? Promise.reject(new Error(`item ${n} is bad`)) : Promise.resolve(n);
        },
      },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => commit.add(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('item 2 is bad') },
      { status: 'fulfilled', value: 3 },
    ]);
    expect(singles.sort()).toEqual([1, 2, 3]);
    // And it goes on batching afterwards.
    await expect(commit.add(4)).resolves.toBe(4);
  });

  it('fails every caller at once, queued ones too, when the failure is not worth a try alone (a server out of reach)', async () => {
    const gone = new Error('server gone');
    const held = gate();
    const batches: number[][] = [];
    const singles: number[] = [];
    const commit = new Batched<number, number>(
      async (items) => {
        batches.push(items);
        await held.promise;
        throw gone;
      },
      {
        single: (n) => {
          singles.push(n);
          return Promise.resolve(n);
        },
        retryAlone: (error) => error !== gone,
      },
    );
    const first = [1, 2].map((n) => commit.add(n));
    await new Promise((resolve) => setImmediate(resolve)); // the batch is in the database
    const queued = commit.add(3); // waits behind it
    held.open();
    const results = await Promise.allSettled([...first, queued]);
    expect(results).toEqual([
      { status: 'rejected', reason: gone },
      { status: 'rejected', reason: gone },
      { status: 'rejected', reason: gone },
    ]);
    expect(batches).toEqual([[1, 2]]); // the queued one never went to the database
    expect(singles).toEqual([]);
  });

  it('lets reads run side by side: a slow batch does not hold the next one', async () => {
    const slow = gate();
    const batches: number[][] = [];
    const reads = new Batched<number, number>(
      async (ids) => {
        batches.push(ids);
        if (batches.length === 1) await slow.promise;
        return ids.map((id) => id * 2);
      },
      { oneAtATime: false },
    );
    const first = reads.add(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first read is under way
    await expect(reads.add(2)).resolves.toBe(4); // answered while the first still waits
    expect(batches).toEqual([[1], [2]]);
    slow.open();
    await expect(first).resolves.toBe(2);
  });
});
