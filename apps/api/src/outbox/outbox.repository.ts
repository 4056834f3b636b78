import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';

/** What the outcome of an attempt may change. */
type OutcomeField =
  'status' | 'sentAt' | 'lastError' | 'nextAttemptAt' | 'updatedAt' | 'receipt' | 'attempts';

export interface Claim {
  channels: string[];
  /** The taking run: written to `lockedBy`, and the condition of every later mark. */
  runId: string;
  now: Date;
  /** Until when the run holds what it takes; a run that dies leaves its messages due then. */
  leaseUntil: Date;
  limit: number;
}

/**
 * The dispatcher's queries. Taking due messages is dialect-specific: MySQL 8 / MariaDB ≥ 10.6
 * select them `FOR UPDATE SKIP LOCKED` (concurrent takers pass each other by); SQLite, whose
 * writes are serialised, takes them with one UPDATE over a sub-select; older servers fall back
 * to one conditional UPDATE per message. In every case a message is taken by one run only.
 */
@Injectable()
export class OutboxRepository {
  private readonly logger = new Logger('Outbox');
  private skipLocked?: Promise<boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
  ) {}

  async claim(c: Claim): Promise<OutboxMessage[]> {
    if (c.channels.length === 0) return [];
    const type = this.dataSource.options.type;
    if (type === 'better-sqlite3') await this.claimSqlite(c);
    else if (await this.supportsSkipLocked()) await this.claimSkipLocked(c).catch(skipDeadlock);
    else await this.claimOneByOne(c);
    return this.messages.find({ where: { lockedBy: c.runId }, order: { id: 'ASC' } });
  }

  /** Moves a message this run holds to its outcome; false when the run no longer holds it. */
  async finish(
    run: { id: number; runId: string },
    patch: Partial<Pick<OutboxMessage, OutcomeField>>,
    commit?: (em: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ ...patch, lockedBy: null })
        .where('id = :id AND lockedBy = :runId', run)
        .execute();
      if (res.affected !== 1) return false;
      await commit?.(em);
      return true;
    });
  }

  private due(alias: string, c: Claim) {
    return this.messages
      .createQueryBuilder(alias)
      .select(`${alias}.id`, 'id')
      .where(`${alias}.status = 'pending' AND ${alias}.nextAttemptAt <= :now`, { now: c.now })
      .andWhere(`${alias}.channel IN (:...channels)`, { channels: c.channels })
      .orderBy(`${alias}.nextAttemptAt`, 'ASC')
      .addOrderBy(`${alias}.id`, 'ASC')
      .limit(c.limit);
  }

  private take(c: Claim) {
    return this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({
        lockedBy: c.runId,
        nextAttemptAt: c.leaseUntil,
        attempts: () => 'attempts + 1',
        updatedAt: c.now,
      });
  }

  private async claimSqlite(c: Claim): Promise<void> {
    const due = this.due('o', c);
    await this.take(c)
      .where(`id IN (${due.getQuery()})`)
      .setParameters(due.getParameters())
      .execute();
  }

  private async claimSkipLocked(c: Claim): Promise<void> {
    // READ COMMITTED: no gap locks, so takers that skip each other's rows cannot deadlock on the
    // index entries the UPDATE moves; should one deadlock anyway, it takes nothing this round.
    await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const rows = await this.due('o', c)
        .setQueryRunner(em.queryRunner!)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getRawMany<{ id: number }>();
      if (rows.length === 0) return;
      await em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({
          lockedBy: c.runId,
          nextAttemptAt: c.leaseUntil,
          attempts: () => 'attempts + 1',
          updatedAt: c.now,
        })
        .where('id IN (:...ids)', { ids: rows.map((r) => Number(r.id)) })
        .execute();
    });
  }

  private async claimOneByOne(c: Claim): Promise<void> {
    const rows = await this.due('o', c).getRawMany<{ id: number }>();
    for (const { id } of rows) {
      await this.take(c)
        .where("id = :id AND status = 'pending' AND nextAttemptAt <= :now", {
          id: Number(id),
          now: c.now,
        })
        .execute();
    }
  }

  /** SKIP LOCKED exists from MySQL 8.0 and MariaDB 10.6. */
  private supportsSkipLocked(): Promise<boolean> {
    this.skipLocked ??= this.dataSource
      .query('SELECT VERSION() AS v')
      .then((rows: { v: string }[]) => {
        const version = String(rows[0]?.v ?? '');
        const [major, minor] = version.split(/[.-]/).map(Number);
        const ok = /mariadb/i.test(version)
          ? major > 10 || (major === 10 && minor >= 6)
          : major >= 8;
        if (!ok) this.logger.log(`${version}: no SKIP LOCKED, messages taken one by one`);
        return ok;
      });
    return this.skipLocked;
  }
}

/** A deadlock rolled the taking transaction back: nothing was taken, nothing is lost. */
function skipDeadlock(error: unknown): void {
  const code = (error as { driverError?: { code?: string } }).driverError?.code;
  if (code !== 'ER_LOCK_DEADLOCK') throw error;
}
