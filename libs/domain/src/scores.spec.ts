import fc from 'fast-check';
import {
  compositeScore,
  emptyCounts,
  lastPlaceIds,
  lastPlaceMarks,
  lastPlaceRank,
  markLastPlaces,
  ranksOf,
  previousMonth,
  rankUnits,
  rate,
  ratesOf,
  sumUnitCounts,
  type UnitCounts,
} from './scores';

function counts(partial: Partial<UnitCounts>): UnitCounts {
  return { ...emptyCounts(), ...partial };
}

describe('score formulas', () => {
  it('rounds rates to 4 decimals and answers null for a zero denominator', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
  });

  it('computes every rate from counts (hand-computed case)', () => {
    const c = counts({
      finished: 40,
      rated: 30,
      ratings: 30,
      levels: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 20 },
      tickets: 3,
      ticketsClosed: 2,
      ticketsClosedOnTime: 1,
      ticketsDue: 2,
      realNameBad: 2,
      realNameBadVisited: 1,
    });
    expect(ratesOf(c)).toEqual({
      goodRate: 0.9, // 27 / 30
      badRate: 0.1, // 3 / 30
      ratingRate: 0.75, // 30 / 40
      rectificationRate: 0.6667, // 2 / 3
      onTimeRate: 0.5, // 1 / 2
      visitRate: 0.5, // 1 / 2
    });
    // (0.9×30 + 0.75×25 + 0.6667×20 + 0.5×15 + 0.5×10) / 100 × 100 = 71.58…
    expect(compositeScore(ratesOf(c))).toBe(71.58);
  });

  it('drops rates without a denominator and renormalises the weights', () => {
    const c = counts({
      finished: 10,
      rated: 5,
      ratings: 5,
      levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 5 },
    });
    // goodRate 1 (w 30), ratingRate 0.5 (w 25); no tickets → (30 + 12.5) / 55 = 77.27
    expect(compositeScore(ratesOf(c))).toBe(77.27);
    expect(compositeScore(ratesOf(emptyCounts()))).toBeNull();
  });

  it('ranks by score with ties sharing a place, leaving out insufficient samples', () => {
    const ranked = rankUnits([
      { id: 'a', score: 90, insufficientSample: false },
      { id: 'b', score: 95, insufficientSample: false },
      { id: 'c', score: 90, insufficientSample: false },
      { id: 'd', score: 99, insufficientSample: true },
      { id: 'e', score: 80, insufficientSample: false },
      { id: 'f', score: null, insufficientSample: false },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', null],
      ['e', 4],
      ['f', null],
    ]);
  });

  it('marks last place only below another ranked unit: a lone ranked unit is first, not last', () => {
    const lone = markLastPlaces(
      [
        { id: 1, rank: 1 },
        { id: 2, rank: null },
      ],
      new Set([1]),
    );
    expect(lone.map((r) => [r.id, r.lastPlace, r.bottomTwoMonths])).toEqual([
      [1, false, false],
      [2, false, false],
    ]);
    // All tied for first: nobody is last either.
    expect(
      lastPlaceIds([
        { id: 1, rank: 1 },
        { id: 2, rank: 1 },
      ]).size,
    ).toBe(0);
    // Two ranked units: the second is last, and last two months running when it was last before.
    const two = markLastPlaces(
      [
        { id: 1, rank: 1 },
        { id: 2, rank: 2 },
        { id: 3, rank: null },
      ],
      new Set([2, 3]),
    );
    expect(two.map((r) => [r.id, r.lastPlace, r.bottomTwoMonths])).toEqual([
      [1, false, false],
      [2, true, true],
      [3, false, false],
    ]);
    // Ties for last place are all last.
    expect([
      ...lastPlaceIds([
        { id: 'a', rank: 1 },
        { id: 'b', rank: 2 },
        { id: 'c', rank: 2 },
      ]),
    ]).toEqual(['b', 'c']);
  });

  it('builds from ranksOf and lastPlaceMarks the ranks and marks of rankUnits and markLastPlaces', () => {
    // The monthly scores build their rows from the parts, without the copies (change 12).
    const unit = fc.record({
      score: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      insufficientSample: fc.boolean(),
      lastBefore: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (list) => {
        const rows = list.map((u, id) => ({ id, ...u }));
        const before = new Set(rows.filter((r) => r.lastBefore).map((r) => r.id));
        const expected = markLastPlaces(rankUnits(rows), before).map((r) => [
          r.rank,
          r.lastPlace,
          r.bottomTwoMonths,
        ]);
        const ranks = ranksOf(rows);
        const last = lastPlaceRank(ranks.values());
        const built = rows.map((r) => {
          const rank = ranks.get(r) ?? null;
          const marks = lastPlaceMarks(rank, last, before.has(r.id));
          return [rank, marks.lastPlace, marks.bottomTwoMonths];
        });
        expect(built).toEqual(expected);
      }),
    );
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});

describe('sumUnitCounts', () => {
  it('adds every counter, levels and channels included; nothing gives empty counts', () => {
    const a = counts({
      finished: 10,
      rated: 8,
      ratings: 8,
      levels: { '1': 1, '2': 0, '3': 1, '4': 2, '5': 4 },
      channels: { ...emptyCounts().channels, window_qr: 6, miniapp: 2 },
      tickets: 1,
      ticketsDue: 1,
      realNameBad: 1,
      defaultRated: 2,
    });
    const b = counts({
      finished: 5,
      rated: 2,
      ratings: 3,
      levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 2 },
      channels: { ...emptyCounts().channels, window_qr: 1, hotline: 2 },
      voided: 1,
      tickets: 2,
      ticketsClosed: 1,
      ticketsClosedOnTime: 1,
      ticketsDue: 1,
      realNameBad: 1,
      realNameBadVisited: 1,
    });
    expect(sumUnitCounts([a, b])).toEqual({
      finished: 15,
      rated: 10,
      ratings: 11,
      levels: { '1': 1, '2': 1, '3': 1, '4': 2, '5': 6 },
      channels: { ...emptyCounts().channels, window_qr: 7, miniapp: 2, hotline: 2 },
      voided: 1,
      tickets: 3,
      ticketsClosed: 1,
      ticketsClosedOnTime: 1,
      ticketsDue: 2,
      realNameBad: 2,
      realNameBadVisited: 1,
      defaultRated: 2,
    });
    expect(sumUnitCounts([])).toEqual(emptyCounts());
    // The inputs are left as they were.
    expect(a.finished).toBe(10);
  });
});
