import {
  ACTIVE_STATUSES,
  maskPersonalData,
  isOverdue,
  type TicketAction,
} from '@haochaping/domain';
import type { Department } from '../organisation/entities/department.entity';
import type { ServiceItem } from '../organisation/entities/service-item.entity';
import type { ServiceWindow } from '../organisation/entities/service-window.entity';
import type { Staff } from '../organisation/entities/staff.entity';
import type { Complaint } from '../ratings/entities/complaint.entity';
import type { Rating } from '../ratings/entities/rating.entity';
import type { Transaction } from '../transactions/entities/transaction.entity';
import type { TicketAppeal } from './entities/ticket-appeal.entity';
import type { TicketEvent } from './entities/ticket-event.entity';
import type { TicketVisit } from './entities/ticket-visit.entity';
import type { Ticket } from './entities/ticket.entity';

/*
 * What staff see of a ticket: the row of a list, and the whole file of the detail page. Pure
 * mappers from loaded rows; no query and no rule lives here.
 */

export interface TicketView {
  id: number;
  ticketNo: string;
  source: 'rating' | 'complaint';
  status: Ticket['status'];
  departmentId: number;
  windowId: number;
  staffId: number;
  level: number | null;
  realName: boolean;
  dueAt: Date;
  dueProvisional: boolean;
  firstContactDueAt: Date;
  overdue: boolean;
  dueSoon: boolean;
  outcome: Ticket['outcome'];
  promisedDate: string | null;
  reply: string | null;
  citizenAccepted: boolean | null;
  urgeCount: number;
  createdAt: Date;
  closedAt: Date | null;
}

/**
 * Free text on its way to staff: phone and ID numbers a citizen (or a handler) wrote into it are
 * masked as in the exports. The full number is only ever revealed by the audited call-back.
 */
export const maskText = (text: string | null): string | null =>
  text ? maskPersonalData(text) : text;

/** The instant the views are made at, and the end of the "due soon" window (预警) from it. */
export interface DueContext {
  now: Date;
  dueSoonUntil: Date;
}

export function toTicketView(t: Ticket, { now, dueSoonUntil }: DueContext): TicketView {
  const overdue = isOverdue(t.status, t.dueAt, now);
  return {
    id: t.id,
    ticketNo: t.ticketNo,
    source: t.source,
    status: t.status,
    departmentId: t.departmentId,
    windowId: t.windowId,
    staffId: t.staffId,
    level: t.level,
    realName: t.realName,
    dueAt: t.dueAt,
    dueProvisional: t.dueProvisional,
    firstContactDueAt: t.firstContactDueAt,
    overdue,
    // isDueSoon of libs/domain, with the window's end computed once for a whole page.
    dueSoon:
      ACTIVE_STATUSES.includes(t.status) && !overdue && t.dueAt.getTime() <= dueSoonUntil.getTime(),
    outcome: t.outcome,
    promisedDate: t.promisedDate,
    reply: maskText(t.reply),
    citizenAccepted: t.citizenAccepted,
    urgeCount: t.urgeCount,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
  };
}

/** Everything the detail page shows, as loaded by the service. */
export interface TicketFile {
  ticket: Ticket;
  events: TicketEvent[];
  visits: TicketVisit[];
  appeal: TicketAppeal | null;
  transaction: Transaction | null;
  rating: Rating | null;
  complaint: Complaint | null;
}

export interface TicketNames {
  item: ServiceItem | null;
  department: Department | null;
  window: ServiceWindow | null;
  staff: Staff | null;
}

export function ticketDetailView(
  { ticket, events, visits, appeal, transaction, rating, complaint }: TicketFile,
  { item, department, window, staff }: TicketNames,
  actions: TicketAction[],
  due: DueContext,
) {
  return {
    ...toTicketView(ticket, due),
    availableActions: actions,
    transaction: transaction && {
      transactionNo: transaction.transactionNo,
      serviceItemName: item?.name ?? null,
      finishedAt: transaction.finishedAt,
    },
    departmentName: department?.name ?? null,
    windowName: window?.name ?? null,
    staff: staff && { staffNo: staff.staffNo, name: staff.name },
    // What the citizen said, never who they are: no citizen id, IP or device; the phone masked.
    rating: rating && {
      id: rating.id,
      level: rating.level,
      tags: rating.tags,
      comment: maskText(rating.comment),
      anonymous: rating.anonymous,
      contactPhone: rating.contactPhoneMasked,
      attachmentIds: rating.attachmentIds,
      voided: rating.voided,
      createdAt: rating.createdAt,
    },
    complaint: complaint && {
      id: complaint.id,
      content: maskPersonalData(complaint.content),
      contactPhone: complaint.contactPhoneMasked,
      attachmentIds: complaint.attachmentIds,
      createdAt: complaint.createdAt,
    },
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorType: e.actorType,
      actorId: e.actorType === 'citizen' ? null : e.actorId,
      note: maskText(e.note),
      attachmentIds: e.attachmentIds,
      createdAt: e.createdAt,
    })),
    visits: visits.map((v) => ({
      ...v,
      result: maskPersonalData(v.result),
      note: maskText(v.note),
    })),
    appeal: appeal
      ? {
          ...appeal,
          reason: maskPersonalData(appeal.reason),
          decisionNote: maskText(appeal.decisionNote),
        }
      : null,
  };
}
