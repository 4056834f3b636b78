import { CHANNEL_LABELS, maskPersonalData } from '@haochaping/domain';
import type { OrganisationLookup } from '../organisation/organisation.service';
import type { Ticket } from '../tickets/entities/ticket.entity';
import type { Transaction } from '../transactions/entities/transaction.entity';
import type { FollowUp } from './entities/follow-up.entity';
import type { Rating } from './entities/rating.entity';

/* What each audience sees of a rating: pure mappers from loaded rows, no query and no rule. */

export interface TransactionSummary {
  transactionNo: string;
  serviceItemName: string;
  departmentName: string;
  windowName: string;
  /** Surname and staff number only (张（S1001）): the citizen needs no more to know whom they rate. */
  staffName: string;
  finishedAt: Date;
}

export function transactionSummary(t: Transaction, names: OrganisationLookup): TransactionSummary {
  const member = names.staff.get(t.staffId);
  return {
    transactionNo: t.transactionNo,
    serviceItemName: names.items.get(t.serviceItemId)?.name ?? '',
    departmentName: names.departments.get(t.departmentId)?.name ?? '',
    windowName: names.windows.get(t.windowId)?.name ?? '',
    staffName: member ? `${member.name.slice(0, 1)}（${member.staffNo}）` : '',
    finishedAt: t.finishedAt,
  };
}

/**
 * A rating behind a score row, for staff: what was said and how, never by whom (no phone, no
 * citizen, no fraud signals).
 */
export function staffRatingView(r: Rating, transactionNo: string | null) {
  return {
    id: r.id,
    transactionNo,
    level: r.level,
    tags: r.tags,
    // Phone and ID numbers written into the comment are masked, as in the export.
    comment: r.comment ? maskPersonalData(r.comment) : r.comment,
    channel: r.channel,
    /** 窗口二维码, 短信 …; 默认评价 for a default rating. */
    channelLabel: CHANNEL_LABELS[r.channel] ?? r.channel,
    isDefault: r.isDefault,
    anonymous: r.anonymous,
    voided: r.voided,
    departmentId: r.departmentId,
    windowId: r.windowId,
    staffId: r.staffId,
    monthKey: r.monthKey,
    createdAt: r.createdAt,
  };
}

/** One of a citizen's own ratings, with what became of it. */
export function myRatingView(
  r: Rating,
  transaction: TransactionSummary | null,
  ticket: Ticket | null,
  followUp: FollowUp | null,
) {
  return {
    id: r.id,
    level: r.level,
    tags: r.tags,
    comment: r.comment,
    anonymous: r.anonymous,
    channel: r.channel,
    createdAt: r.createdAt,
    transaction,
    ticket: ticket
      ? {
          ticketNo: ticket.ticketNo,
          status: ticket.status,
          reply: ticket.reply,
          dueAt: ticket.dueAt,
          citizenAccepted: ticket.citizenAccepted,
          // Refusing reopens the ticket, once.
          canRefuse:
            ticket.status === 'closed' &&
            ticket.citizenAccepted === null &&
            !ticket.citizenRefusedAt,
        }
      : null,
    followUp: followUp
      ? { comment: followUp.comment, level: followUp.level, createdAt: followUp.createdAt }
      : null,
  };
}
