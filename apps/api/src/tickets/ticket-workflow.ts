import { Injectable } from '@nestjs/common';
import {
  dueSoonUntil,
  TRANSITIONS,
  type CounterDelta,
  type TicketAction,
  type TicketActor,
} from '@haochaping/domain';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { TicketNotices } from '../notifications/ticket-notices';
import { RollupService } from '../scores/rollup.service';
import { ProvincePushService } from '../province/province-push.service';
import { Transaction } from '../transactions/entities/transaction.entity';
import { TicketEvent, type TicketEventType } from './entities/ticket-event.entity';
import { Ticket } from './entities/ticket.entity';
import { toTicketView, type TicketView } from './ticket.view';

export function actorOf(principal: Principal): TicketActor {
  if (principal.kind === 'citizen' || principal.kind === 'ratingToken') return 'citizen';
  if (principal.kind === 'staff' && principal.role === 'department') return 'department';
  if (principal.kind === 'staff' && principal.role === 'supervisor') return 'supervisor';
  throw new DomainError('FORBIDDEN', 'Only department handlers and supervisors work on tickets');
}

/**
 * The ticket workflow: every move of the table in libs/domain/src/ticket-state.ts goes through
 * `transition`, which checks who may do it from which status, updates the ticket conditionally,
 * and writes its event, its audit row, its score counter change and its notices (staff to-do,
 * citizen progress message) in one database transaction.
 */
@Injectable()
export class TicketWorkflow {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    private readonly audit: AuditService,
    private readonly rollups: RollupService,
    private readonly calendar: CalendarService,
    private readonly notices: TicketNotices,
    private readonly province: ProvincePushService,
  ) {}

  check(ticket: Ticket, action: TicketAction, principal: Principal): void {
    const transition = TRANSITIONS[action];
    if (transition.by !== actorOf(principal)) {
      throw new DomainError('FORBIDDEN', `Only a ${transition.by} may ${action.replace('_', ' ')}`);
    }
    if (!transition.from.includes(ticket.status)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `Cannot ${action.replace('_', ' ')} a ${ticket.status} ticket`,
      );
    }
  }

  /**
   * Moves the ticket with a conditional UPDATE (… WHERE status = <expected>) so two people acting
   * at once cannot both succeed; the event and audit row are written in the same transaction.
   */
  async transition(
    ticket: Ticket,
    action: TicketAction,
    principal: Principal,
    opts: {
      patch?: Partial<Ticket>;
      note?: string | null;
      attachmentIds?: number[];
      now?: Date;
      /** Score counter changes of the ticket's month, applied in the same transaction. */
      rollup?: CounterDelta;
      inside?: (em: EntityManager, now: Date) => Promise<void>;
    },
  ): Promise<TicketView> {
    this.check(ticket, action, principal);
    await this.rollups.ensure(ticket, [ticket.monthKey]);
    const to = TRANSITIONS[action].to;
    const now = opts.now ?? this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Ticket)
        .set({ ...opts.patch, status: to, updatedAt: now })
        .where('id = :id AND status = :status', { id: ticket.id, status: ticket.status })
        .execute();
      if (res.affected !== 1) {
        throw new DomainError('INVALID_TRANSITION', 'The ticket changed meanwhile; reload it');
      }
      await this.event(em, ticket, action, principal, {
        note: opts.note ?? null,
        to,
        attachmentIds: opts.attachmentIds,
        now,
      });
      if (opts.rollup) await this.rollups.apply(em, ticket, ticket.monthKey, opts.rollup);
      await opts.inside?.(em, now);
      await this.notices.transition(em, ticket, action, { now, note: opts.note ?? null });
      if (action === 'approve') {
        // 整改结果 to the provincial platform once the supervisor closes the ticket.
        const transaction = await em.findOneByOrFail(Transaction, { id: ticket.transactionId });
        await this.province.enqueue(
          em,
          'rectification',
          { ...transaction, id: ticket.id, ticketId: ticket.id },
          now,
        );
      }
      await this.audit.record(
        {
          action: `ticket.${action}`,
          entity: 'ticket',
          entityId: ticket.id,
          before: { status: ticket.status },
          after: { status: to, ...(opts.patch ?? {}), note: opts.note ?? null },
        },
        em,
        principal,
      );
    });
    const until = dueSoonUntil(now, await this.calendar.calendar());
    return toTicketView(await this.tickets.findOneByOrFail({ id: ticket.id }), {
      now,
      dueSoonUntil: until,
    });
  }

  async event(
    em: EntityManager,
    ticket: Ticket,
    type: TicketEventType,
    principal: Principal,
    opts: { note?: string | null; to?: string; attachmentIds?: number[]; now?: Date },
  ): Promise<void> {
    await em.insert(TicketEvent, {
      ticketId: ticket.id,
      type,
      fromStatus: opts.to ? ticket.status : null,
      toStatus: opts.to ?? null,
      actorType:
        principal.kind === 'staff'
          ? 'user'
          : principal.kind === 'ratingToken'
            ? 'citizen'
            : principal.kind,
      actorId:
        principal.kind === 'staff'
          ? principal.userId
          : principal.kind === 'citizen'
            ? principal.citizenId
            : null,
      note: opts.note?.slice(0, 2000) ?? null,
      attachmentIds: opts.attachmentIds ?? [],
      createdAt: opts.now ?? this.clock.now(),
    });
  }
}
