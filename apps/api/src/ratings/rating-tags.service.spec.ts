import { tagCounts } from './rating-tags.service';

describe('tagCounts', () => {
  it('counts each tag once per rating, most frequent first, ties by tag', () => {
    expect(
      tagCounts([
        ['办事效率低', '服务态度差', '办事效率低'],
        ['环境设施差', '办事效率低'],
        [],
        ['一次性告知不到位'],
      ]),
    ).toEqual([
      { tag: '办事效率低', count: 2 },
      { tag: '一次性告知不到位', count: 1 },
      { tag: '服务态度差', count: 1 },
      { tag: '环境设施差', count: 1 },
    ]);
    expect(tagCounts([])).toEqual([]);
  });
});
