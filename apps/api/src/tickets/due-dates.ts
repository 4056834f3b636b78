import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ACTIVE_STATUSES,
  addWorkingDays,
  chinaDate,
  countWorkingDays,
  type WorkingDayCalendar,
} from '@haochaping/domain';
import { In, type EntityManager } from 'typeorm';
import { CalendarService, type CalendarChange } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket } from './entities/ticket.entity';

/** A due date moved to the same number of working days on another calendar. */
function moved(start: Date, due: Date, before: WorkingDayCalendar, after: WorkingDayCalendar) {
  return addWorkingDays(start, countWorkingDays(start, chinaDate(due), before), after);
}

/**
 * Keeps provisional due dates true to the calendar: when a year's calendar changes (its notice
 * entered, or one date overridden), every running ticket whose provisional deadline counts days
 * of that year gets the same number of working days on the new calendar, with an event saying so.
 */
@Injectable()
export class DueDateRecalculation implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange(async (em, change) => {
      await this.recompute(em, change);
    });
  }

  async recompute(em: EntityManager, change: CalendarChange): Promise<number> {
    const first = `${Math.min(...change.years)}-01-01`;
    const last = `${Math.max(...change.years)}-12-31`;
    const running = await em.find(Ticket, {
      where: { status: In([...ACTIVE_STATUSES]), dueProvisional: true },
      order: { id: 'ASC' },
    });
    const now = this.clock.now();
    let changed = 0;
    for (const ticket of running) {
      // Only tickets whose counted days (after the opening day up to the due day) touch a changed year.
      if (chinaDate(ticket.dueAt) < first || chinaDate(ticket.createdAt) > last) continue;
      const due = moved(ticket.createdAt, ticket.dueAt, change.before, change.after);
      const contact = moved(
        ticket.createdAt,
        ticket.firstContactDueAt,
        change.before,
        change.after,
      );
      if (
        due.dueAt.getTime() === ticket.dueAt.getTime() &&
        due.provisional === ticket.dueProvisional &&
        contact.dueAt.getTime() === ticket.firstContactDueAt.getTime()
      )
        continue;
      const later = due.dueAt.getTime() > ticket.dueAt.getTime();
      const result = await em
        .createQueryBuilder()
        .update(Ticket)
        .set({
          dueAt: due.dueAt,
          dueProvisional: due.provisional,
          firstContactDueAt: contact.dueAt,
          // A deadline moved later deserves a fresh 预警 before it.
          ...(later ? { warnedAt: null } : {}),
        })
        .where('id = :id AND status = :status AND dueAt = :dueAt', {
          id: ticket.id,
          status: ticket.status,
          dueAt: ticket.dueAt,
        })
        .execute();
      if (!result.affected) continue;
      await em.insert(TicketEvent, {
        ticketId: ticket.id,
        type: 'due_changed',
        fromStatus: ticket.status,
        toStatus: ticket.status,
        actorType: change.actorId === null ? 'system' : 'user',
        actorId: change.actorId,
        note:
          `工作日历调整（${change.years.join('、')}年）：办理期限由 ${chinaDate(ticket.dueAt)} ` +
          `调整为 ${due.date}${due.provisional ? '（暂定，调休安排未公布）' : ''}`,
        attachmentIds: [],
        createdAt: now,
      });
      changed++;
    }
    return changed;
  }
}
