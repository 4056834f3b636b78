import { DataSource } from 'typeorm';
import { Rating } from '../../apps/api/src/ratings/entities/rating.entity';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { Batched } from '../../apps/api/src/database/batched';
import { RollupService } from '../../apps/api/src/scores/rollup.service';
import { ScoresService } from '../../apps/api/src/scores/scores.service';
import {
  countedRollups,
  makeCounter,
  registerTransaction,
  type Registered,
} from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Ratings without photos arriving together are written together (group commit: one transaction,
 * one multi-row INSERT, one rollup UPDATE per batch; a bad one's ticket inside it). Whatever the batching, each citizen gets the
 * answer of their own rating, a transaction keeps one rating, and the rollups stay what a rebuild
 * from the raw rows makes of them.
 */
const original = Batched.prototype.add; // eslint-disable-line @typescript-eslint/unbound-method

describe('ratings written together (group commit)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(() => t.close());
  // Should a submission never reach the group commit, the held batch is let go (the test fails
  // on its own assertions or timeout, and the app can still close).
  let allAdded: () => void = () => undefined;
  afterEach(() => allAdded());

  it('answers 60 concurrent submissions each with its own rating, one per transaction, counted once', async () => {
    const counters = [await makeCounter(t), await makeCounter(t)];
    const registered: Registered[] = [];
    for (let i = 0; i < 40; i++) registered.push(await registerTransaction(t, counters[i % 2]));
    // The first batch waits (before its rollup UPDATE, inside its transaction) until all the
    // submissions have been handed to the group commit: they must form the next batch.
    const submissions = 40 + 5 + 5 + 5;
    let added = 0;
    const allQueued = new Promise<void>((resolve) => (allAdded = resolve));
    const add = jest.spyOn(Batched.prototype, 'add').mockImplementation(function (
      this: Batched<unknown, unknown>,
      item: unknown,
    ) {
      const answer = original.call(this, item);
      if (typeof item === 'object' && ++added === submissions) allAdded();
      return answer;
    });
    const rollupService = t.app.get(RollupService);
    const apply = rollupService.applyBatch.bind(rollupService);
    const batches = jest
      .spyOn(rollupService, 'applyBatch')
      .mockImplementationOnce(async (em, items) => {
        await allQueued;
        return apply(em, items);
      });
    const rate = (token: string, level: number, extra: object = {}, key?: string) => {
      const req = t.http.post('/api/ratings');
      if (key) req.set('Idempotency-Key', key);
      return req.send({ token, level, anonymous: true, channel: 'miniapp', ...extra });
    };
    const levels = registered.map((_, i) => 3 + (i % 3));
    const answers = await Promise.all([
      ...registered.map((r, i) => rate(r.ratingToken, i === 2 ? 1 : levels[i], { tags: [] })),
      // Five more for the first transaction at the same moment: one rating in all.
      ...[0, 1, 2, 3, 4].map(() => rate(registered[0].ratingToken, 4)),
      // A retry with the same Idempotency-Key and body gets the first answer.
      ...[0, 1, 2, 3, 4].map(() =>
        rate(registered[1].ratingToken, levels[1], {}, 'retry-key-0001'),
      ),
      // Bad ones among them open a ticket: one rating and one ticket in all.
      ...[0, 1, 2, 3, 4].map(() => rate(registered[2].ratingToken, 1)),
    ]);

    const byToken = new Map<string, { status: number; body: { id?: number; error?: string } }[]>();
    registered.forEach((r, i) => byToken.set(r.ratingToken, [answers[i]]));
    answers.slice(40).forEach((a, j) => {
      const token = registered[Math.floor(j / 5)].ratingToken;
      byToken.get(token)?.push(a);
    });
    const ratings = await t.app.get(DataSource).getRepository(Rating).find();
    const stored = new Map(ratings.map((r) => [r.transactionId, r]));
    expect(ratings).toHaveLength(40);
    for (const [i, r] of registered.entries()) {
      const replies = byToken.get(r.ratingToken) ?? [];
      const created = replies.filter((a) => a.status === 201);
      const rating = stored.get(r.id);
      expect(rating).toBeDefined();
      if (i === 1) {
        // Whoever wins, every 201 names the stored rating: the retries carrying the key get it
        // when one of them won, ALREADY_RATED when the submission without a key did.
        for (const a of created) expect(a.body.id).toBe(rating?.id);
        for (const a of replies.filter((x) => x.status !== 201)) {
          expect(a.status).toBe(409);
          expect(a.body.error).toBe('ALREADY_RATED');
        }
        expect(created.length).toBeGreaterThanOrEqual(1);
        continue;
      }
      expect(created).toHaveLength(1);
      expect(created[0].body.id).toBe(rating?.id);
      for (const a of replies.filter((x) => x.status !== 201)) {
        expect(a.status).toBe(409);
        expect(a.body.error).toBe('ALREADY_RATED');
      }
      expect(replies.length - 1).toBe(i < 3 ? 5 : 0);
    }
    // Each stored rating is the one its winner sent, on its own transaction's units.
    for (const [i, r] of registered.entries()) {
      const rating = stored.get(r.id) as Rating;
      if (i >= 3) expect(rating.level).toBe(levels[i]);
      expect(rating.channel).toBe('miniapp');
      expect(rating.departmentId).toBe(counters[i % 2].departmentId);
    }

    // The bad one's ticket, named in its 201, written in the same batch as its rating.
    const bad = stored.get(registered[2].id) as Rating;
    expect(bad.level).toBe(1);
    const badAnswer = (byToken.get(registered[2].ratingToken) ?? []).find((a) => a.status === 201);
    const tickets = await t.app.get(DataSource).getRepository(Ticket).findBy({ ratingId: bad.id });
    expect(tickets.map((x) => x.ticketNo)).toEqual([
      (badAnswer?.body as { ticketNo?: string }).ticketNo,
    ]);

    // Written in batches: fewer rollup writes than ratings, every one counted once.
    const written = batches.mock.calls.reduce((n, [, items]) => n + items.length, 0);
    expect(written).toBe(ratings.length);
    expect(batches.mock.calls.length).toBeLessThan(written);
    expect(batches.mock.calls.length).toBeLessThanOrEqual(3);
    batches.mockRestore();
    add.mockRestore();

    const incremental = await countedRollups(t);
    await t.app.get(ScoresService).rebuild();
    expect(await countedRollups(t)).toEqual(incremental);
  }, 30_000);
});
