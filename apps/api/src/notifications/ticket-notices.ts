import { Injectable } from '@nestjs/common';
import { chinaDate, type TicketAction } from '@haochaping/domain';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import { Complaint } from '../ratings/entities/complaint.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { TicketAppeal } from '../tickets/entities/ticket-appeal.entity';
import { TicketEvent } from '../tickets/entities/ticket-event.entity';
import type { Ticket } from '../tickets/entities/ticket.entity';
import { maskText } from '../tickets/ticket.view';
import { StaffNoticesService, type NewNotice } from './staff-notices.service';

/** Citizen messages of a ticket's progress (WeChat subscribe messages, through the outbox). */
const PROGRESS = {
  accept: { kind: 'ticket_accepted', status: '已受理', content: '您反映的问题已受理，正在处理' },
  approve: { kind: 'reply_approved', status: '已办结', content: '' },
  citizen_refuse: { kind: 'ticket_reopened', status: '重新办理', content: '已转相关部门重新办理' },
} as const;

const clip = (text: string | null | undefined, max = 60): string => {
  const chars = [...(text ?? '').replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};
const withNote = (title: string, note: string | null | undefined) =>
  clip(note) ? `${title}：${clip(note)}` : title;

/**
 * Who hears of what happens to a ticket, written inside the transaction of the event itself
 * (opening, every workflow move, the scan's flags, 督办):
 * to-do notices in the staff workspace, and progress messages to the citizen who rated or
 * complained (if they subscribed, the outbox's WeChat sender delivers them).
 */
@Injectable()
export class TicketNotices {
  constructor(
    private readonly staff: StaffNoticesService,
    private readonly outbox: OutboxService,
  ) {}

  /** The notices of a workflow move; `ticket` as it was before the move. */
  async transition(
    em: EntityManager,
    ticket: Ticket,
    action: TicketAction,
    at: { now: Date; note: string | null },
  ): Promise<void> {
    const notice = (n: Omit<NewNotice, 'ticket' | 'now'>) =>
      this.staff.notify(em, { ...n, ticket, now: at.now });
    switch (action) {
      case 'accept':
        return this.progress(em, ticket, 'accept', PROGRESS.accept.content, at.now);
      case 'submit':
        await notice({
          kind: 'result_submitted',
          title: withNote('整改结果待审核', at.note),
          to: [{ supervisors: true }],
        });
        return;
      case 'approve':
        return this.progress(em, ticket, 'approve', ticket.reply ?? '整改已完成', at.now);
      case 'reject': {
        // Back to whoever submitted the result; to the department's handlers if they are gone.
        const [submitted] = await em.find(TicketEvent, {
          where: { ticketId: ticket.id, type: 'submit' },
          order: { id: 'DESC' },
          take: 1,
        });
        const title = withNote('整改结果被退回', at.note);
        const sent =
          submitted?.actorType === 'user' && submitted.actorId
            ? await notice({ kind: 'result_rejected', title, to: [{ userId: submitted.actorId }] })
            : 0;
        if (sent === 0) {
          await notice({
            kind: 'result_rejected',
            title,
            to: [{ handlersOf: ticket.departmentId }],
          });
        }
        return;
      }
      case 'appeal':
        await notice({
          kind: 'appeal_submitted',
          title: withNote('申诉待复核', at.note),
          to: [{ supervisors: true }],
        });
        return;
      case 'uphold_appeal':
      case 'dismiss_appeal': {
        const [appeal] = await em.find(TicketAppeal, {
          where: { ticketId: ticket.id },
          order: { id: 'DESC' },
          take: 1,
        });
        const title =
          action === 'uphold_appeal'
            ? withNote('申诉成立，评价已作废', at.note)
            : withNote('申诉被驳回，请继续整改', at.note);
        const sent = appeal
          ? await notice({ kind: 'appeal_decided', title, to: [{ userId: appeal.createdBy }] })
          : 0;
        if (sent === 0) {
          await notice({
            kind: 'appeal_decided',
            title,
            to: [{ handlersOf: ticket.departmentId }],
          });
        }
        return;
      }
      case 'citizen_accept':
        return;
      case 'citizen_refuse':
        await notice({
          kind: 'citizen_refused',
          title: withNote('群众不认可处理结果，工单已重新打开', at.note),
          to: [{ handlersOf: ticket.departmentId }],
        });
        return this.progress(em, ticket, 'citizen_refuse', PROGRESS.citizen_refuse.content, at.now);
    }
  }

  /** A new ticket, for its department's handlers. */
  async opened(em: EntityManager, ticket: Ticket): Promise<void> {
    await this.staff.notify(em, {
      kind: 'ticket_opened',
      ticket,
      title:
        ticket.source === 'rating'
          ? `新差评工单待受理（${ticket.level ?? ''}星）`
          : '新投诉工单待受理',
      to: [{ handlersOf: ticket.departmentId }],
      now: ticket.createdAt,
    });
  }

  /** 预警 to the handlers; overdue to the handlers and, escalated, the supervisors. */
  async flagged(
    em: EntityManager,
    ticket: Ticket,
    type: 'due_soon' | 'overdue',
    now: Date,
  ): Promise<void> {
    const due = chinaDate(ticket.dueAt);
    await this.staff.notify(em, {
      kind: type === 'due_soon' ? 'ticket_due_soon' : 'ticket_overdue',
      ticket,
      title: type === 'due_soon' ? `工单即将到期（${due} 截止）` : `工单已超期（${due} 截止）`,
      to:
        type === 'due_soon'
          ? [{ handlersOf: ticket.departmentId }]
          : [{ handlersOf: ticket.departmentId }, { supervisors: true }],
      now,
    });
  }

  /** 督办, for the department's handlers. */
  async urged(em: EntityManager, ticket: Ticket, note: string, now: Date): Promise<void> {
    await this.staff.notify(em, {
      kind: 'ticket_urged',
      ticket,
      title: withNote('督办', note),
      to: [{ handlersOf: ticket.departmentId }],
      now,
    });
  }

  /** A progress message to the citizen behind the ticket, when one is known (WeChat login). */
  private async progress(
    em: EntityManager,
    ticket: Ticket,
    step: keyof typeof PROGRESS,
    content: string,
    now: Date,
  ): Promise<void> {
    const source = ticket.ratingId
      ? await em.findOne(Rating, { where: { id: ticket.ratingId }, select: { citizenId: true } })
      : ticket.complaintId
        ? await em.findOne(Complaint, {
            where: { id: ticket.complaintId },
            select: { citizenId: true },
          })
        : null;
    if (!source?.citizenId) return;
    await this.outbox.enqueue(em, {
      channel: 'wechat',
      kind: PROGRESS[step].kind,
      ticketId: ticket.id,
      recipient: `citizen:${source.citizenId}`,
      payload: {
        ticketNo: ticket.ticketNo,
        status: PROGRESS[step].status,
        content: maskText(content) ?? '',
        time: now.toISOString(),
      },
      now,
    });
  }
}
