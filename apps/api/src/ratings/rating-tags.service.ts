import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { confinedDepartment, type Principal } from '../auth/principal';
import { Rating } from './entities/rating.entity';

export interface BadTagsView {
  month: string;
  departmentId: number | null;
  ratings: number;
  items: { tag: string; count: number }[];
}

/** How often each tag occurs, most frequent first, ties by tag; a tag counts once per rating. */
export function tagCounts(tagLists: readonly string[][]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const tags of tagLists)
    for (const tag of new Set(tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/**
 * What bad ratings complain of, for a chart beside the scores. It counts the ratings the scores
 * count as bad (levels 1–2, neither voided nor default) in the month the scores count them: the
 * month the rating was given (its monthKey), like the level counts and the bad-rating rate.
 */
@Injectable()
export class RatingTagsService {
  constructor(@InjectRepository(Rating) private readonly ratings: Repository<Rating>) {}

  async badTags(
    q: { month: string; departmentId?: number },
    principal: Principal,
  ): Promise<BadTagsView> {
    // A department handler sees its own department's, whatever it asks for.
    const departmentId = confinedDepartment(principal) ?? q.departmentId ?? null;
    const qb = this.ratings
      .createQueryBuilder('r')
      .select(['r.id', 'r.tags'])
      .where('r.monthKey = :month AND r.level IN (:...bad)', { month: q.month, bad: [1, 2] })
      .andWhere('r.voided = :no AND r.isDefault = :no', { no: false });
    if (departmentId !== null) qb.andWhere('r.departmentId = :departmentId', { departmentId });
    const rows = await qb.getMany();
    return {
      month: q.month,
      departmentId,
      ratings: rows.length,
      items: tagCounts(rows.map((r) => r.tags)),
    };
  }
}
