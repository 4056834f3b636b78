import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Rating } from '../ratings/entities/rating.entity';
import { Transaction, WINDOW_EXPIRY_INDEX } from '../transactions/entities/transaction.entity';

/**
 * The window desk's queries over transactions and ratings (repositories exported by their
 * modules). The kiosk's two are polled every 2 s by every kiosk: each reads one index range.
 */
@Injectable()
export class WindowDeskRepository {
  constructor(
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
  ) {}

  /**
   * The window's newest registered transaction, if it is still open for rating: no rating, no
   * complaint, rating period not over (as the rating endpoints decide: expired only after
   * tokenExpiresAt). Only the newest: once it is rated the kiosk waits for the next registration
   * and never brings back an older, unrated one, which the next person at the window could
   * otherwise rate for someone else. It reads the window's unexpired tokens only; MariaDB is
   * told so, or it walks the primary key backwards through every window's rows (SQLite picks
   * this index by itself).
   */
  async openForRating(windowId: number, now: Date): Promise<Transaction | null> {
    const newest = await this.transactions
      .createQueryBuilder('t')
      .useIndex(WINDOW_EXPIRY_INDEX)
      .where('t.windowId = :windowId AND t.tokenExpiresAt >= :now', { windowId, now })
      .orderBy('t.id', 'DESC')
      .limit(1)
      .getOne();
    if (!newest || newest.complaintId !== null) return null;
    const rated = await this.ratings.existsBy({ transactionId: newest.id });
    return rated ? null : newest;
  }

  /** The window's transaction rated last, by rating time; default ratings are nobody's act. */
  async lastRated(windowId: number): Promise<Transaction | null> {
    const rating = await this.ratings
      .createQueryBuilder('r')
      .select(['r.id', 'r.transactionId'])
      .where('r.windowId = :windowId AND r.isDefault = :isDefault', {
        windowId,
        isDefault: false,
      })
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(1)
      .getOne();
    return rating ? this.transactions.findOneBy({ id: rating.transactionId }) : null;
  }

  /** A page of transactions, newest registered first, of one window or of all. */
  page(
    windowId: number | undefined,
    page: number,
    pageSize: number,
  ): Promise<[Transaction[], number]> {
    const qb = this.transactions.createQueryBuilder('t');
    if (windowId !== undefined) qb.where('t.windowId = :windowId', { windowId });
    return qb
      .orderBy('t.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** Which of these transactions have a rating by a person (a default rating is nobody's). */
  async rated(transactionIds: number[]): Promise<Set<number>> {
    if (transactionIds.length === 0) return new Set();
    const rows = await this.ratings.find({
      select: { id: true, transactionId: true },
      where: { transactionId: In(transactionIds), isDefault: false },
    });
    return new Set(rows.map((r) => r.transactionId));
  }
}
