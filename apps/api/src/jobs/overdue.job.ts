import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ACTIVE_STATUSES, dueSoonUntil } from '@haochaping/domain';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RollupService } from '../scores/rollup.service';
import { TicketEvent } from '../tickets/entities/ticket-event.entity';
import { Ticket } from '../tickets/entities/ticket.entity';
import { ticketCounterChange, ticketFacts } from '../tickets/ticket-facts';
import { overdueCondition } from '../tickets/overdue-sql';
import { JobLease } from './entities/job-lease.entity';
import { underLease } from './lease';
import { LeasedJob } from './leased-job';
import { Clock } from '../common/clock';
import { TicketNotices } from '../notifications/ticket-notices';

const JOB = 'ticket-overdue-scan';
const LEASE_MS = 5 * 60_000;
const EVERY_MS = 5 * 60_000;

export interface ScanResult {
  ran: boolean;
  warned: number;
  overdue: number;
}

/**
 * Flags tickets about to fall due (预警) and overdue ones (超期), once each, with an event and the
 * staff notices (handlers; overdue also supervisors) in the same transaction. Several API instances may run it: a lease row in the database lets one
 * instance scan at a time, and every flag is set with a conditional UPDATE, so a scan is
 * idempotent even if two overlap.
 */
@Injectable()
export class OverdueJob extends LeasedJob {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(JobLease) leases: Repository<JobLease>,
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly rollups: RollupService,
    private readonly notices: TicketNotices,
  ) {
    super(
      {
        name: JOB,
        what: 'scan',
        everyMs: EVERY_MS,
        leaseMs: LEASE_MS,
        enabled: config.jobsEnabled,
      },
      leases,
    );
  }

  async run(now = this.clock.now()): Promise<ScanResult> {
    return underLease<ScanResult>(
      this.lease,
      now,
      { ran: false, warned: 0, overdue: 0 },
      async () => {
        const calendar = await this.calendar.calendar();
        // 预警: the "due soon" window of libs/domain, the same as the ticket list's nearDue filter.
        const warnBefore = dueSoonUntil(now, calendar);
        const active = [...ACTIVE_STATUSES];

        const soon = await this.tickets
          .createQueryBuilder('t')
          .where('t.status IN (:...active) AND t.warnedAt IS NULL', { active })
          .andWhere('t.dueAt >= :now AND t.dueAt <= :warnBefore', { now, warnBefore })
          .getMany();
        let warned = 0;
        for (const ticket of soon) {
          if (await this.flag(ticket, 'warnedAt', 'due_soon', now)) warned++;
        }

        const pastDue = overdueCondition(now);
        const late = await this.tickets
          .createQueryBuilder('t')
          .where(pastDue.sql, pastDue.params)
          .andWhere('t.overdueMarkedAt IS NULL')
          .getMany();
        let overdue = 0;
        for (const ticket of late) {
          await this.rollups.ensure(ticket, [ticket.monthKey]);
          if (await this.flag(ticket, 'overdueMarkedAt', 'overdue', now)) overdue++;
        }
        if (warned || overdue) this.logger.log(`flagged ${warned} due soon, ${overdue} overdue`);
        return { ran: true, warned, overdue };
      },
    );
  }

  private flag(
    ticket: Ticket,
    column: 'warnedAt' | 'overdueMarkedAt',
    type: 'due_soon' | 'overdue',
    now: Date,
  ) {
    return this.dataSource.transaction(async (em: EntityManager) => {
      const res = await em
        .createQueryBuilder()
        .update(Ticket)
        .set({ [column]: now })
        .where(`id = :id AND ${column} IS NULL`, { id: ticket.id })
        .execute();
      if (res.affected !== 1) return false;
      // An overdue ticket now counts in the on-time rate's denominator.
      if (type === 'overdue') {
        const change = ticketCounterChange(ticketFacts(ticket), { overdueFlagged: true });
        await this.rollups.apply(em, ticket, ticket.monthKey, change);
      }
      await em.insert(TicketEvent, {
        ticketId: ticket.id,
        type,
        fromStatus: null,
        toStatus: null,
        actorType: 'system',
        actorId: null,
        note: `due ${ticket.dueAt.toISOString()}`,
        attachmentIds: [],
        createdAt: now,
      });
      // The handlers hear of it; an overdue ticket escalates to the supervisors as well.
      await this.notices.flagged(em, ticket, type, now);
      return true;
    });
  }
}
