import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  chinaMonth,
  compositeScore,
  countsFromCounterValues,
  DEFAULT_PAGE_SIZE,
  firstSort,
  sortRows,
  type SortKey,
  COUNTERS,
  emptyCounts,
  lastPlaceIds,
  lastPlaceMarks,
  lastPlaceRank,
  ranksOf,
  previousMonth,
  rankUnits,
  ratesOf,
  sumUnitCounts,
  type Channel,
  type Rates,
  UNIT_ID_KEY,
  type UnitIds,
  type UnitType,
  type ScoreWeights,
  type UnitCounts,
} from '@haochaping/domain';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { OrganisationService, type ScoredUnit } from '../organisation/organisation.service';
import { SettingsService } from '../settings/settings.service';
import { ScoreCorrection } from './entities/score-correction.entity';
import { ScoreRollup } from './entities/score-rollup.entity';
import { ScoreSnapshot } from './entities/score-snapshot.entity';
import { countFromRawRows } from './rebuild';
import { SCORES_CACHE_MS, ScoresCache } from './scores-cache';
import { Clock } from '../common/clock';

export interface ScoreRow extends Rates {
  id: number;
  code: string;
  name: string;
  departmentId: number | null;
  ratings: number;
  levels: UnitCounts['levels'];
  channels: Record<Channel, number>;
  voided: number;
  finished: number;
  rated: number;
  tickets: { total: number; closed: number; closedOnTime: number; due: number };
  realNameBad: number;
  realNameBadVisited: number;
  /** Default ratings (默认评价) of the month's finished transactions: in no rate. */
  defaultRated: number;
  score: number | null;
  rank: number | null;
  insufficientSample: boolean;
  /** Ranked last this month (ties included). */
  lastPlace: boolean;
  /** Ranked last this month and the month before: the report flags it for a formal talk. */
  bottomTwoMonths: boolean;
  links: { tickets: string; ratings: string };
}

/** What part of a month's rows an answer holds (ScoresService.scoresJson). */
export interface ScoresSlice {
  departmentId?: number;
  page?: number;
  pageSize?: number;
  sort?: SortKey;
  order?: 'asc' | 'desc';
}

export interface TrendPoint extends Rates {
  month: string;
  frozen: boolean;
  ratings: number;
  score: number | null;
  rank: number | null;
}

export interface TrendView {
  by: UnitType | 'centre';
  /** The unit; null for the centre. */
  id: number | null;
  months: TrendPoint[];
}

export interface ScoresView {
  month: string;
  by: UnitType;
  frozen: boolean;
  frozenAt?: Date;
  weights: ScoreWeights;
  minimumSample: number;
  rows: ScoreRow[];
  corrections?: ScoreCorrection[];
}

/** A unit's figures before its rank. */
interface Scored {
  unit: ScoredUnit;
  counts: UnitCounts;
  rates: Rates;
  id: number;
  score: number | null;
  insufficientSample: boolean;
}

/** One unit as a computation built it, from these very objects. */
interface BuiltUnit {
  unit: ScoredUnit;
  values: number[] | undefined;
  scored: Scored;
  row: ScoreRow | undefined;
}

/** What a computation of a month built (ScoresService.compute). */
interface Built {
  /** The weights and minimum sample it scored with. */
  inputs: string;
  /** The unit list it was built from. */
  list: ScoredUnit[];
  units: Map<number, BuiltUnit>;
}

/** Months (and unit kinds) whose last computation is kept for the next. */
const BUILT_MONTHS = 6;

@Injectable()
export class ScoresService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scores');
  /** The last computation of each month and unit kind, by `month|by` (see `compute`). */
  private readonly built = new Map<string, Built>();

  constructor(
    private readonly organisation: OrganisationService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectRepository(ScoreRollup) private readonly rollups: Repository<ScoreRollup>,
    @InjectRepository(ScoreSnapshot) private readonly snapshots: Repository<ScoreSnapshot>,
    @InjectRepository(ScoreCorrection) private readonly corrections: Repository<ScoreCorrection>,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly cache: ScoresCache,
  ) {}

  /** A database from before the rollups existed gets them built once, on start. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.rollups.count()) > 0) return;
    const [{ n }] = await this.dataSource.query<
      {
        n: unknown;
      }[]
    >('SELECT COUNT(*) AS n FROM transactions');
    if (Number(n) > 0) {
      const result = await this.rebuild();
      this.logger.log(`built ${result.rows} score rollup rows from existing data`);
    }
  }

  /** A month as published, from this instance's cache (see ScoresCache), with its corrections. */
  async scores(month: string, by: UnitType): Promise<ScoresView> {
    const [view, corrections] = await Promise.all([
      this.cachedView(month, by),
      this.correctionsOf(month),
    ]);
    return { ...view, corrections };
  }

  /**
   * `scores()` as JSON, byte for byte what serialising it gives. The view's JSON is cached with
   * the view: 6,000 staff rows are 4.5 MB, too much to stringify again for every request.
   *
   * With any of `slice` (a department filter, a page, an order): the rows that match, best rank
   * first or in the order asked for, one page of them (20 rows unless told), and `total`, `page`,
   * `pageSize`. Each row's JSON and each order are cached with the view, so a page costs what its
   * rows weigh, not what the whole centre does. Ranks stay those of the whole centre.
   */
  async scoresJson(month: string, by: UnitType, slice: ScoresSlice = {}): Promise<Buffer> {
    if (Object.values(slice).every((v) => v === undefined)) {
      const [view, corrections] = await Promise.all([
        this.cache.get(`json|${month}|${by}`, async () => {
          const json = JSON.stringify({
            ...(await this.cachedView(month, by)),
            corrections: undefined,
          });
          // Without its closing brace: the corrections come last.
          return Buffer.from(json.slice(0, -1));
        }),
        this.correctionsOf(month),
      ]);
      return Buffer.concat([view, Buffer.from(`,"corrections":${JSON.stringify(corrections)}}`)]);
    }
    const { departmentId } = slice;
    // Pages list the units best first (the whole answer lists them by id).
    const sort = slice.sort ?? 'rank';
    const descending = slice.order ? slice.order === 'desc' : firstSort(sort).descending;
    const [view, order, all] = await Promise.all([
      this.cachedView(month, by),
      // Row indexes in the order asked for.
      this.cache.get(`order|${month}|${by}|${sort}|${descending}`, async () => {
        const rows = (await this.cachedView(month, by)).rows;
        const index = new Map(rows.map((r, i) => [r, i]));
        return sortRows(rows, { key: sort, descending }).map((r) => index.get(r) as number);
      }),
      this.correctionsOf(month),
    ]);
    const matching: number[] = [];
    for (const i of order) {
      const r = view.rows[i];
      const department = by === 'department' ? r.id : r.departmentId;
      if (departmentId === undefined || department === departmentId) matching.push(i);
    }
    const page = slice.page ?? 1;
    const pageSize = slice.pageSize ?? DEFAULT_PAGE_SIZE;
    const shown = matching.slice((page - 1) * pageSize, page * pageSize);
    const corrections =
      departmentId === undefined ? all : all.filter((c) => c.departmentId === departmentId);
    // The view's own fields, then these rows; serialised without them, less its closing brace.
    const head = JSON.stringify({ ...view, rows: undefined, corrections: undefined }).slice(0, -1);
    return Buffer.from(
      `${head},"rows":[${shown.map((i) => rowJson(view.rows[i])).join(',')}]` +
        `,"total":${matching.length},"page":${page},"pageSize":${pageSize}` +
        `,"corrections":${JSON.stringify(corrections)}}`,
    );
  }

  private cachedView(month: string, by: UnitType): Promise<ScoresView> {
    return this.cache.get(`view|${month}|${by}`, () => this.published(month, by));
  }

  private correctionsOf(month: string): Promise<ScoreCorrection[]> {
    return this.corrections.find({ where: { recordedMonth: month }, order: { id: 'ASC' } });
  }

  /** A frozen month from its snapshot, any other month computed live. */
  private async published(month: string, by: UnitType, withPrevious = true): Promise<ScoresView> {
    const snapshot = await this.snapshots.findOneBy({ monthKey: month, unitType: by });
    if (!snapshot) return this.compute(month, by, withPrevious);
    const payload = snapshot.payload as ScoresView;
    // Snapshots frozen before default ratings existed had none.
    const rows = payload.rows.map((r) => ({ ...r, defaultRated: r.defaultRated ?? 0 }));
    return { ...payload, rows, frozen: true, frozenAt: snapshot.frozenAt };
  }

  /**
   * Live figures of a month: O(units) rollup rows, never the ratings table. Every unit is listed,
   * ranked and marked; the month before only gives the ids of its last places.
   */
  async compute(month: string, by: UnitType, withPrevious = true): Promise<ScoresView> {
    const { scoreWeights, minimumSample } = await this.settings.get();
    const [units, counters, lastBefore] = await Promise.all([
      this.units(by),
      this.rollupCounts(month, by),
      withPrevious ? this.lastPlaces(previousMonth(month), by) : new Set<number>(),
    ]);
    // What the last computation of this month built, reused for each unit whose inputs are the
    // very same objects: after a rating, one unit's counters are new, the rest are not.
    const inputs = JSON.stringify([scoreWeights, minimumSample]);
    const memoKey = `${month}|${by}`;
    // Only the answers with last places use it: a trend's months (computed without them) would
    // push the dashboard's month out.
    const before = withPrevious ? this.built.get(memoKey) : undefined;
    const previous = before?.inputs === inputs && before.list === units ? before.units : undefined;
    const built = new Map<number, BuiltUnit>();
    const scored = units.map((u) => {
      const values = counters.get(u.id);
      const last = previous?.get(u.id);
      if (last && last.unit === u && last.values === values) {
        built.set(u.id, last);
        return last.scored;
      }
      const counts = values ? countsFromCounterValues(values) : emptyCounts();
      const rates = ratesOf(counts);
      const s: Scored = {
        unit: u,
        counts,
        rates,
        id: u.id,
        score: compositeScore(rates, scoreWeights),
        insufficientSample: counts.ratings < minimumSample,
      };
      built.set(u.id, { unit: u, values, scored: s, row: undefined });
      return s;
    });
    if (withPrevious) this.keepBuilt(memoKey, { inputs, list: units, units: built });
    // Ranks and marks straight into each row: rankUnits and markLastPlaces copy every unit twice.
    const ranks = ranksOf(scored);
    const lastRank = lastPlaceRank(ranks.values());
    const idKey = UNIT_ID_KEY[by];
    // One object per row, in the order of the published fields (snapshots keep that order). A
    // unit's row of the last computation is the row again when its rank and marks are too.
    const rows = scored.map((s): ScoreRow => {
      const { unit: u, counts, rates, score, insufficientSample } = s;
      const rank = ranks.get(s) ?? null;
      const marks = lastPlaceMarks(rank, lastRank, lastBefore.has(u.id));
      const b = built.get(u.id) as BuiltUnit;
      const kept = b.row;
      if (
        kept &&
        kept.rank === rank &&
        kept.lastPlace === marks.lastPlace &&
        kept.bottomTwoMonths === marks.bottomTwoMonths
      ) {
        return kept;
      }
      return (b.row = {
        id: u.id,
        code: u.code,
        name: u.name,
        departmentId: u.departmentId,
        ratings: counts.ratings,
        levels: counts.levels,
        channels: counts.channels,
        voided: counts.voided,
        finished: counts.finished,
        rated: counts.rated,
        tickets: {
          total: counts.tickets,
          closed: counts.ticketsClosed,
          closedOnTime: counts.ticketsClosedOnTime,
          due: counts.ticketsDue,
        },
        realNameBad: counts.realNameBad,
        realNameBadVisited: counts.realNameBadVisited,
        defaultRated: counts.defaultRated,
        ...rates,
        score,
        insufficientSample,
        links: {
          tickets: `/api/tickets?${idKey}=${u.id}&month=${month}`,
          ratings: `/api/ratings?${idKey}=${u.id}&month=${month}`,
        },
        rank,
        ...marks,
      });
    });
    return { month, by, frozen: false, weights: scoreWeights, minimumSample, rows };
  }

  /**
   * Keeps what a computation built while it can be reused: no longer than the unit list it was
   * built from (the units are read again once the cache's life is over), and for a few months.
   */
  private keepBuilt(key: string, entry: Built): void {
    this.built.delete(key);
    this.built.set(key, entry);
    if (this.built.size > BUILT_MONTHS) this.built.delete(this.built.keys().next().value as string);
    setTimeout(() => {
      if (this.built.get(key) === entry) this.built.delete(key);
    }, SCORES_CACHE_MS).unref();
  }

  /**
   * The counters of a month's rollup rows by unit id (in the order of COUNTERS), kept in the cache
   * and patched there by this instance's rollup writes (ScoresCache.writing): a month computed
   * again after a rating reads no rollup rows (docs/benchmarks.md, change 16).
   */
  private rollupCounts(month: string, by: UnitType): Promise<Map<number, number[]>> {
    return this.cache.counters(month, by, () => this.readRollupCounters(month, by));
  }

  /**
   * One parameterised read of two columns a row: the unit and its counters as one JSON array.
   * better-sqlite3 took 37–65 ms to hand over 6,000 rows of 23 columns as objects, ~10 ms this
   * way, parsing included (docs/benchmarks.md, change 12). Hydrating ScoreRollup entities through
   * the repository cost more still (change 4).
   */
  private async readRollupCounters(month: string, by: UnitType): Promise<Map<number, number[]>> {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const table = escape(this.dataSource.getMetadata(ScoreRollup).tableName);
    const raw = await this.dataSource.query<{ unitId: unknown; counters: unknown }[]>(
      `SELECT ${escape('unitId')} AS ${escape('unitId')},
              JSON_ARRAY(${COUNTERS.map(escape).join(', ')}) AS ${escape('counters')}
         FROM ${table}
        WHERE ${escape('monthKey')} = ? AND ${escape('unitType')} = ?`,
      [month, by],
    );
    const byUnit = new Map<number, number[]>();
    for (const row of raw) {
      // MariaDB and SQLite answer the array as text; MySQL's JSON type comes parsed.
      const values = (
        typeof row.counters === 'string' ? JSON.parse(row.counters) : row.counters
      ) as unknown[];
      if (!Array.isArray(values) || values.length !== COUNTERS.length) {
        throw new Error(`score rollup counters of ${month} ${by} unreadable`);
      }
      byUnit.set(Number(row.unitId), values.map(Number));
    }
    return byUnit;
  }

  /** Publishes a finished month: all three rankings are stored and answered from then on. */
  async freeze(month: string, userId: number | null, now = this.clock.now()): Promise<ScoresView> {
    if (month >= chinaMonth(now)) {
      throw new DomainError(
        'MONTH_NOT_OVER',
        `${month} is not over yet; only finished months can be published`,
      );
    }
    if (await this.snapshots.existsBy({ monthKey: month })) {
      throw new DomainError('ALREADY_FROZEN', `${month} has been published already`);
    }
    const views = await Promise.all(
      (['department', 'window', 'staff'] as UnitType[]).map((by) => this.compute(month, by)),
    );
    try {
      await this.dataSource.transaction(async (em) => {
        this.cache.invalidate(em, [month]);
        for (const view of views) {
          await em.insert(ScoreSnapshot, {
            monthKey: month,
            unitType: view.by,
            payload: view,
            frozenAt: now,
            frozenBy: userId,
          });
        }
        await this.audit.record(
          { action: 'scores.freeze', entity: 'scores', entityId: month, after: { month } },
          em,
        );
      });
    } catch (error) {
      if (await this.snapshots.existsBy({ monthKey: month })) {
        throw new DomainError('ALREADY_FROZEN', `${month} has been published already`);
      }
      throw error;
    }
    return this.scores(month, 'department');
  }

  async trend(
    by: UnitType,
    id: number,
    months: number,
    now = this.clock.now(),
  ): Promise<TrendView> {
    const points: TrendPoint[] = [];
    for (const m of lastMonths(months, now)) {
      // A trend point needs no last-place marks of the month before, nor corrections.
      const view = await this.published(m, by, false);
      const row = view.rows.find((r) => r.id === id);
      points.push({
        month: m,
        frozen: view.frozen,
        ratings: row?.ratings ?? 0,
        goodRate: row?.goodRate ?? null,
        badRate: row?.badRate ?? null,
        ratingRate: row?.ratingRate ?? null,
        rectificationRate: row?.rectificationRate ?? null,
        onTimeRate: row?.onTimeRate ?? null,
        visitRate: row?.visitRate ?? null,
        score: row?.score ?? null,
        rank: row?.rank ?? null,
      });
    }
    return { by, id, months: points };
  }

  /**
   * The whole centre over the last months: every department's counts of the month as published
   * (a frozen month from its snapshot) summed, then the same rate and score formulas, with the
   * month's weights. Nothing to rank it against: rank null.
   */
  async centreTrend(months: number, now = this.clock.now()): Promise<TrendView> {
    const points: TrendPoint[] = [];
    for (const m of lastMonths(months, now)) {
      const view = await this.published(m, 'department', false);
      const counts = sumUnitCounts(view.rows.map(countsOfRow));
      const rates = ratesOf(counts);
      points.push({
        month: m,
        frozen: view.frozen,
        ratings: counts.ratings,
        ...rates,
        score: compositeScore(rates, view.weights),
        rank: null,
      });
    }
    return { by: 'centre', id: null, months: points };
  }

  /** Recomputes every rollup from the raw rows and replaces them, in one transaction. */
  async rebuild(): Promise<{ rows: number }> {
    const counted = [...(await countFromRawRows(this.dataSource)).values()];
    const key = (r: { monthKey: string; unitType: string; unitId: number }) =>
      `${r.monthKey}|${r.unitType}|${r.unitId}`;
    await this.dataSource.transaction(async (em) => {
      this.cache.invalidate(em);
      // Rows are zeroed and refilled, never deleted: instances remember which rows exist.
      const zero = Object.fromEntries(COUNTERS.map((c) => [c, 0]));
      await em.createQueryBuilder().update(ScoreRollup).set(zero).execute();
      const existing = new Map(
        (
          await em.find(ScoreRollup, {
            select: { id: true, monthKey: true, unitType: true, unitId: true },
          })
        ).map((r) => [key(r), r.id]),
      );
      const inserts: Partial<ScoreRollup>[] = [];
      for (const row of counted) {
        const values = row.counters;
        const id = existing.get(key(row));
        if (id) await em.update(ScoreRollup, id, values);
        else
          inserts.push({
            monthKey: row.monthKey,
            unitType: row.unitType,
            unitId: row.unitId,
            ...values,
          });
      }
      for (let i = 0; i < inserts.length; i += 200) {
        await em
          .createQueryBuilder()
          .insert()
          .into(ScoreRollup)
          .values(inserts.slice(i, i + 200))
          .updateEntity(false)
          .execute();
      }
    });
    return { rows: counted.length };
  }

  /**
   * The units in last place in a month: from its snapshot when published, else ranked from the
   * rollups alone (scores, no rows). Cached: every answer of the month after needs them.
   */
  private lastPlaces(month: string, by: UnitType): Promise<Set<number>> {
    return this.cache.get(`last|${month}|${by}`, async () => {
      const snapshot = await this.snapshots.findOneBy({ monthKey: month, unitType: by });
      if (snapshot) return lastPlaceIds((snapshot.payload as ScoresView).rows);
      const { scoreWeights, minimumSample } = await this.settings.get();
      const [units, counters] = await Promise.all([this.units(by), this.rollupCounts(month, by)]);
      return lastPlaceIds(
        rankUnits(
          units.map((u) => {
            const values = counters.get(u.id);
            const counts = values ? countsFromCounterValues(values) : emptyCounts();
            return {
              id: u.id,
              score: compositeScore(ratesOf(counts), scoreWeights),
              insufficientSample: counts.ratings < minimumSample,
            };
          }),
        ),
      );
    });
  }

  /**
   * Every unit of a kind (6,000 staff: ~9 ms to read), kept with the answers for their life: a
   * month computed again after a rating, and the month before's last places computed beside it,
   * share one read. Its key names no month, so only what clears every answer clears it (an
   * organisation or settings change), besides the cache's expiry.
   */
  units(by: UnitType): Promise<ScoredUnit[]> {
    return this.cache.get(`units|*|${by}`, () => this.organisation.units(by));
  }

  /**
   * A published month is never rewritten: voiding one of its ratings is recorded as a correction,
   * reported with the current month.
   */
  async recordVoidedRating(
    em: EntityManager,
    rating: UnitIds & { id: number; monthKey: string; level: number },
    finishedMonth: string,
    now: Date,
  ): Promise<void> {
    const frozen = await em.find(ScoreSnapshot, {
      where: { monthKey: In([rating.monthKey, finishedMonth]), unitType: 'department' },
    });
    for (const snapshot of frozen) {
      await em.insert(ScoreCorrection, {
        recordedMonth: chinaMonth(now),
        correctsMonth: snapshot.monthKey,
        kind: 'rating_voided',
        departmentId: rating.departmentId,
        windowId: rating.windowId,
        staffId: rating.staffId,
        ratingId: rating.id,
        level: rating.level,
        note: `申诉成立，${snapshot.monthKey} 的 ${rating.level} 星评价作废`,
        createdAt: now,
      });
    }
  }
}

/**
 * Each row's JSON, made when a page first shows the row and kept as long as the row (a row
 * unchanged by a rating is the same object in the next computation): a page after a change needs
 * 20 of 6,000, and stringifying them all was a fifth of its time (docs/benchmarks.md, change 12).
 */
const rowsJson = new WeakMap<ScoreRow, string>();

function rowJson(row: ScoreRow): string {
  let json = rowsJson.get(row);
  if (json === undefined) rowsJson.set(row, (json = JSON.stringify(row)));
  return json;
}

/** The last `n` months up to this one, oldest first. */
function lastMonths(n: number, now: Date): string[] {
  const list: string[] = [];
  let month = chinaMonth(now);
  for (let i = 0; i < n; i++) {
    list.unshift(month);
    month = previousMonth(month);
  }
  return list;
}

/**
 * A row's counts back from its published form. Snapshots frozen before a field existed lack it:
 * it counts as 0 there, as it did in that month's published figures.
 */
function countsOfRow(row: Partial<ScoreRow>): UnitCounts {
  const empty = emptyCounts();
  return {
    finished: row.finished ?? 0,
    rated: row.rated ?? 0,
    ratings: row.ratings ?? 0,
    levels: { ...empty.levels, ...row.levels },
    channels: { ...empty.channels, ...row.channels },
    voided: row.voided ?? 0,
    tickets: row.tickets?.total ?? 0,
    ticketsClosed: row.tickets?.closed ?? 0,
    ticketsClosedOnTime: row.tickets?.closedOnTime ?? 0,
    ticketsDue: row.tickets?.due ?? 0,
    realNameBad: row.realNameBad ?? 0,
    realNameBadVisited: row.realNameBadVisited ?? 0,
    defaultRated: row.defaultRated ?? 0,
  };
}
