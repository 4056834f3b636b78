import { linkParams, nextSort, percent, rowNotes, sortRows, type RankedRow } from './ranking';

function row(id: number, over: Partial<RankedRow>): RankedRow {
  return {
    id,
    name: `部门${id}`,
    code: `D${id}`,
    ratings: 10,
    goodRate: 0.9,
    badRate: 0.1,
    ratingRate: 0.5,
    rectificationRate: 1,
    onTimeRate: 1,
    visitRate: 1,
    score: 90,
    rank: id,
    tickets: { total: 1 },
    insufficientSample: false,
    lastPlace: false,
    bottomTwoMonths: false,
    ...over,
  };
}

describe('the ranking table order', () => {
  const rows = [
    row(1, { rank: 2, score: 91.5, badRate: 0.02, tickets: { total: 3 } }),
    row(2, { rank: null, score: null, badRate: null, insufficientSample: true }),
    row(3, { rank: 1, score: 97.25, badRate: 0.2, tickets: { total: 0 } }),
    row(4, { rank: 3, score: 60, badRate: 0.5, lastPlace: true, tickets: { total: 9 } }),
  ];
  const ids = (list: RankedRow[]) => list.map((r) => r.id);

  it('starts by rank, best first, with unranked rows last', () => {
    expect(ids(sortRows(rows, { key: 'rank', descending: false }))).toEqual([3, 1, 4, 2]);
  });

  it('sorts a rate or score best first on the first choice and turns around on the second', () => {
    const first = nextSort({ key: 'rank', descending: false }, 'score');
    expect(first).toEqual({ key: 'score', descending: true });
    expect(ids(sortRows(rows, first))).toEqual([3, 1, 4, 2]);
    const second = nextSort(first, 'score');
    expect(ids(sortRows(rows, second))).toEqual([4, 1, 3, 2]);
    // A bad rate is best low: ascending first.
    const bad = nextSort(second, 'badRate');
    expect(ids(sortRows(rows, bad))).toEqual([1, 3, 4, 2]);
    expect(ids(sortRows(rows, nextSort(bad, 'badRate')))).toEqual([4, 3, 1, 2]);
  });

  it('sorts by ticket count and by name', () => {
    expect(ids(sortRows(rows, { key: 'tickets', descending: true }))).toEqual([4, 1, 2, 3]);
    expect(ids(sortRows(rows, { key: 'name', descending: true }))).toEqual([4, 3, 2, 1]);
  });

  it('writes rates as percentages and the report markers', () => {
    expect(percent(0.9712)).toBe('97.1%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(rowNotes(rows[1])).toEqual(['样本不足']);
    expect(rowNotes(rows[3])).toEqual(['末位']);
    expect(rowNotes({ ...rows[3], bottomTwoMonths: true })).toEqual(['连续两月末位']);
    expect(rowNotes(rows[0])).toEqual([]);
  });

  it('reads the filters of a drill-down link', () => {
    expect(linkParams('/api/tickets?departmentId=3&month=2026-11')).toEqual({
      departmentId: '3',
      month: '2026-11',
    });
    expect(linkParams('/api/ratings')).toEqual({});
  });
});
