import { randomBytes } from 'node:crypto';
import { addWorkingDays, chinaDate, chinaMonth, type WorkingDayCalendar } from '@haochaping/domain';
import type { EntityManager } from 'typeorm';
import type { TicketNotices } from '../notifications/ticket-notices';
import type { Settings } from '../settings/settings.types';
import type { Transaction } from '../transactions/entities/transaction.entity';
import { TicketEvent } from './entities/ticket-event.entity';
import { Ticket, type TicketSource } from './entities/ticket.entity';
import { insertRow } from '../database/insert-row';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ZG20261126-7KQ4M2XA: date of opening in China, then 40 random bits (unique index backs it). */
export function newTicketNo(now: Date): string {
  const random = Array.from(randomBytes(8), (b) => ALPHABET[b % 32]).join('');
  return `ZG${chinaDate(now).replace(/-/g, '')}-${random}`;
}

/**
 * Opens the ticket of a bad rating or a complaint inside the caller's database transaction, so a
 * rating never exists without its ticket, nor a ticket without its notice to the handlers. Due dates count Chinese working days of the calendar
 * (official holidays, 调休 and overrides); past the covered years they are flagged provisional.
 */
export async function openTicket(
  em: EntityManager,
  input: {
    source: TicketSource;
    transaction: Transaction;
    ratingId?: number;
    complaintId?: number;
    level: number | null;
    realName: boolean;
    settings: Settings;
    calendar: WorkingDayCalendar;
    now: Date;
    notices: TicketNotices;
  },
): Promise<Ticket> {
  const due = addWorkingDays(input.now, input.settings.ticketDueWorkingDays, input.calendar);
  const firstContact = addWorkingDays(
    input.now,
    input.settings.firstContactWorkingDays,
    input.calendar,
  );
  const values = {
    ticketNo: newTicketNo(input.now),
    source: input.source,
    status: 'open' as const,
    ratingId: input.ratingId ?? null,
    complaintId: input.complaintId ?? null,
    transactionId: input.transaction.id,
    departmentId: input.transaction.departmentId,
    windowId: input.transaction.windowId,
    staffId: input.transaction.staffId,
    level: input.level,
    realName: input.realName,
    monthKey: chinaMonth(input.now),
    dueAt: due.dueAt,
    dueProvisional: due.provisional,
    firstContactDueAt: firstContact.dueAt,
    reply: null,
    closedAt: null,
    outcome: null,
    promisedDate: null,
    warnedAt: null,
    overdueMarkedAt: null,
    citizenAccepted: null,
    citizenRefusedAt: null,
    urgeCount: 0,
    createdAt: input.now,
    updatedAt: input.now,
  };
  // One parameterised INSERT (database/insert-row.ts), not save(): no read-back of the row, no
  // statement built per call — a bad rating's ticket is on the rating's hot path.
  const ticket = em.create(Ticket, { ...values, id: await insertRow(em, Ticket, values) });
  await insertRow(em, TicketEvent, {
    ticketId: ticket.id,
    type: 'opened',
    fromStatus: null,
    toStatus: 'open',
    actorType: 'system',
    actorId: null,
    note: input.source === 'rating' ? `差评（${input.level}星）` : '投诉',
    attachmentIds: [],
    createdAt: input.now,
  });
  await input.notices.opened(em, ticket);
  return ticket;
}
