import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/domain-error';
import { Rating } from '../ratings/entities/rating.entity';
import { RatingsService } from '../ratings/ratings.service';
import type { TokenAcceptanceDto } from './dto/ticket-progress.dto';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket } from './entities/ticket.entity';
import { ticketProgressView, type TicketProgress } from './ticket-progress.view';
import { TicketsService } from './tickets.service';

export interface RatingProgress {
  rated: boolean;
  ratedAt: Date | null;
  level: number | null;
  ticket: TicketProgress | null;
  complaintTicket: TicketProgress | null;
}

/**
 * 整改进度 by the rating token: the token of one transaction opens the progress of that
 * transaction's tickets (the bad rating's and the complaint's) and the citizen's verdict on the
 * reply, without any login. Nothing of another transaction is ever reachable from it.
 */
@Injectable()
export class TicketProgressService {
  constructor(
    private readonly clock: Clock,
    private readonly ratingsService: RatingsService,
    private readonly ticketsService: TicketsService,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(TicketEvent) private readonly events: Repository<TicketEvent>,
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
  ) {}

  async progress(token: string): Promise<RatingProgress> {
    const transaction = await this.ratingsService.resolveToken(token, { allowExpired: true });
    // A default rating (默认评价) is nobody's rating: the page stays as if unrated.
    const rating = await this.ratings.findOneBy({
      transactionId: transaction.id,
      isDefault: false,
    });
    // Like the form: a rated or complained-about transaction keeps its page; nothing else does.
    if (
      !rating &&
      transaction.complaintId === null &&
      this.clock.nowMs() > transaction.tokenExpiresAt.getTime()
    ) {
      throw new DomainError('TOKEN_EXPIRED', 'The rating period of this transaction has ended');
    }
    const [ticket, complaintTicket] = await Promise.all([
      rating ? this.tickets.findOneBy({ ratingId: rating.id }) : null,
      transaction.complaintId !== null
        ? this.tickets.findOneBy({ complaintId: transaction.complaintId })
        : null,
    ]);
    const own = [ticket, complaintTicket].filter((t): t is Ticket => !!t);
    const events = own.length
      ? await this.events.find({
          where: { ticketId: In(own.map((t) => t.id)) },
          order: { id: 'ASC' },
        })
      : [];
    const view = (t: Ticket | null) =>
      t
        ? ticketProgressView(
            t,
            events.filter((e) => e.ticketId === t.id),
          )
        : null;
    return {
      rated: !!rating,
      ratedAt: rating?.createdAt ?? null,
      level: rating?.level ?? null,
      ticket: view(ticket),
      complaintTicket: view(complaintTicket),
    };
  }

  /** 认可 / 不认可 through the same workflow move (event, audit row, counters) as a WeChat login. */
  async acceptance(token: string, dto: TokenAcceptanceDto): Promise<TicketProgress> {
    const transaction = await this.ratingsService.resolveToken(token, { allowExpired: true });
    const ticket = await this.tickets.findOneBy({ ticketNo: dto.ticketNo });
    // Another transaction's ticket does not exist for this token.
    if (!ticket || ticket.transactionId !== transaction.id) throw notFound('Ticket');
    const principal: Principal = { kind: 'ratingToken', transactionId: transaction.id };
    await this.ticketsService.verdict(
      ticket,
      { accepted: dto.accepted, ...(dto.comment ? { comment: dto.comment } : {}) },
      principal,
    );
    const fresh = await this.tickets.findOneByOrFail({ id: ticket.id });
    const events = await this.events.find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } });
    return ticketProgressView(fresh, events);
  }
}
