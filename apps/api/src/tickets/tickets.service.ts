import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ACTIVE_STATUSES,
  availableActions,
  chinaDate,
  chinaMonth,
  counterDifference,
  isOverdue,
  maskPersonalData,
  ratingContribution,
  TRANSITIONS,
  VISIT_STATUSES,
  type Page,
  type TicketAction,
  type TicketActor,
  type CounterDelta,
} from '@haochaping/domain';
import { Brackets, DataSource, EntityManager, In, Repository } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { confinedDepartment, type Principal } from '../auth/principal';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { PiiService } from '../common/pii.service';
import { Department } from '../organisation/entities/department.entity';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { Complaint } from '../ratings/entities/complaint.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { ScoreCorrection } from '../scores/entities/score-correction.entity';
import { ScoreSnapshot } from '../scores/entities/score-snapshot.entity';
import { RollupService } from '../scores/rollup.service';
import { Transaction } from '../transactions/entities/transaction.entity';
import type {
  AcceptanceDto,
  AppealDto,
  AppealReviewDto,
  RecordVisitDto,
  ReviewDto,
  SubmitResultDto,
  TicketListQuery,
} from './dto/tickets.dto';
import { TicketAppeal } from './entities/ticket-appeal.entity';
import { ticketCounterChange, ticketFacts } from './ticket-facts';
import { TicketEvent, type TicketEventType } from './entities/ticket-event.entity';
import { TicketVisit } from './entities/ticket-visit.entity';
import { Ticket } from './entities/ticket.entity';
import { Clock } from '../common/clock';

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
  outcome: Ticket['outcome'];
  promisedDate: string | null;
  reply: string | null;
  citizenAccepted: boolean | null;
  createdAt: Date;
  closedAt: Date | null;
}

const ACTIVE = [...ACTIVE_STATUSES];

/**
 * Free text on its way to staff: phone and ID numbers a citizen (or a handler) wrote into it are
 * masked as in the exports. The full number is only ever revealed by the audited call-back.
 */
const maskText = (text: string | null): string | null => (text ? maskPersonalData(text) : text);

export function toTicketView(t: Ticket, now: Date): TicketView {
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
    overdue: isOverdue(t.status, t.dueAt, now),
    outcome: t.outcome,
    promisedDate: t.promisedDate,
    reply: maskText(t.reply),
    citizenAccepted: t.citizenAccepted,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
  };
}

function actorOf(principal: Principal): TicketActor {
  if (principal.kind === 'citizen') return 'citizen';
  if (principal.kind === 'staff' && principal.role === 'department') return 'department';
  if (principal.kind === 'staff' && principal.role === 'supervisor') return 'supervisor';
  throw new DomainError('FORBIDDEN', 'Only department handlers and supervisors work on tickets');
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(TicketEvent) private readonly events: Repository<TicketEvent>,
    @InjectRepository(TicketVisit) private readonly visits: Repository<TicketVisit>,
    @InjectRepository(TicketAppeal) private readonly appeals: Repository<TicketAppeal>,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
    private readonly pii: PiiService,
    private readonly rollups: RollupService,
  ) {}

  async list(
    q: TicketListQuery,
    principal: Principal,
    now = this.clock.now(),
  ): Promise<Page<TicketView>> {
    const qb = this.tickets.createQueryBuilder('t');
    // A department handler sees its own department's tickets, whatever filter it sends.
    const departmentId = confinedDepartment(principal) ?? q.departmentId;
    if (departmentId) qb.andWhere('t.departmentId = :departmentId', { departmentId });
    if (q.windowId) qb.andWhere('t.windowId = :windowId', { windowId: q.windowId });
    if (q.staffId) qb.andWhere('t.staffId = :staffId', { staffId: q.staffId });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.source) qb.andWhere('t.source = :source', { source: q.source });
    if (q.level) qb.andWhere('t.level = :level', { level: q.level });
    if (q.month) qb.andWhere('t.monthKey = :month', { month: q.month });
    // isOverdue (libs/domain) in SQL: still running and past the due date.
    if (q.overdue !== undefined) {
      if (q.overdue) {
        qb.andWhere('t.status IN (:...active) AND t.dueAt < :now', { active: ACTIVE, now });
      } else {
        qb.andWhere(
          new Brackets((w) =>
            w
              .where('t.status NOT IN (:...active)', { active: ACTIVE })
              .orWhere('t.dueAt >= :now', { now }),
          ),
        );
      }
    }
    const [rows, total] = await qb
      .orderBy('t.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((t) => toTicketView(t, now)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(id: number, principal: Principal, now = this.clock.now()) {
    const ticket = await this.findScoped(id, principal);
    const em = this.dataSource.manager;
    const [events, visits, appeals, transaction, rating, complaint] = await Promise.all([
      this.events.find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.visits.find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.appeals.find({ where: { ticketId: id }, order: { id: 'DESC' }, take: 1 }),
      em.findOneBy(Transaction, { id: ticket.transactionId }),
      ticket.ratingId ? em.findOneBy(Rating, { id: ticket.ratingId }) : null,
      ticket.complaintId ? em.findOneBy(Complaint, { id: ticket.complaintId }) : null,
    ]);
    const [item, department, window, staff] = await Promise.all([
      transaction ? em.findOneBy(ServiceItem, { id: transaction.serviceItemId }) : null,
      em.findOneBy(Department, { id: ticket.departmentId }),
      em.findOneBy(ServiceWindow, { id: ticket.windowId }),
      em.findOneBy(Staff, { id: ticket.staffId }),
    ]);
    return {
      ...toTicketView(ticket, now),
      availableActions: availableActions(ticket.status, actorOf(principal)),
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
      appeal: appeals[0]
        ? {
            ...appeals[0],
            reason: maskPersonalData(appeals[0].reason),
            decisionNote: maskText(appeals[0].decisionNote),
          }
        : null,
    };
  }

  async accept(id: number, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    return this.transition(ticket, 'accept', principal, {});
  }

  async recordVisit(id: number, dto: RecordVisitDto, principal: Principal): Promise<TicketVisit> {
    const ticket = await this.findScoped(id, principal);
    if (!VISIT_STATUSES.includes(ticket.status)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `No visits can be recorded on a ${ticket.status} ticket`,
      );
    }
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > this.clock.nowMs() + 5 * 60_000)
      throw invalidField('visitedAt', 'visitedAt lies in the future');
    const userId = principal.kind === 'staff' ? principal.userId : 0;
    await this.rollups.ensure(ticket, [ticket.monthKey]);
    return this.dataSource.transaction(async (em) => {
      // The first visit of a real-name bad rating counts towards the return-visit rate.
      if (!(await em.existsBy(TicketVisit, { ticketId: id }))) {
        const change = ticketCounterChange(ticketFacts(ticket), { visited: true });
        await this.rollups.apply(em, ticket, ticket.monthKey, change);
      }
      const visit = await em.save(
        em.create(TicketVisit, {
          ticketId: id,
          method: dto.method,
          visitedAt,
          result: dto.result.trim(),
          note: dto.note?.trim() || null,
          userId,
          createdAt: this.clock.now(),
        }),
      );
      await this.event(em, ticket, 'visit', principal, {
        note: `${dto.method}: ${dto.result.trim()}`,
      });
      await this.audit.record(
        {
          action: 'ticket.visit',
          entity: 'ticket',
          entityId: id,
          after: { method: dto.method, visitedAt, result: dto.result },
        },
        em,
      );
      return { ...visit, result: maskPersonalData(visit.result), note: maskText(visit.note) };
    });
  }

  async submit(id: number, dto: SubmitResultDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    this.check(ticket, 'submit', principal);
    // Real-name bad ratings must be called back before a result goes up (100 % return visits).
    if (ticket.realName && !(await this.visits.existsBy({ ticketId: id }))) {
      throw new DomainError(
        'VISIT_REQUIRED',
        'Record the return visit to the citizen before submitting',
      );
    }
    if (dto.outcome === 'scheduled') {
      if (!dto.promisedDate)
        throw invalidField('promisedDate', 'a scheduled rectification needs promisedDate');
      if (dto.promisedDate < chinaDate(this.clock.now()))
        throw invalidField('promisedDate', 'promisedDate lies in the past');
    }
    return this.transition(ticket, 'submit', principal, {
      patch: {
        outcome: dto.outcome,
        reply: dto.reply.trim(),
        promisedDate: dto.outcome === 'scheduled' ? (dto.promisedDate ?? null) : null,
      },
      note: dto.reply.trim(),
    });
  }

  async review(id: number, dto: ReviewDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    const now = this.clock.now();
    return dto.decision === 'approve'
      ? this.transition(ticket, 'approve', principal, {
          patch: { closedAt: now, citizenAccepted: null },
          rollup: ticketCounterChange(ticketFacts(ticket), {
            closed: true,
            closedOnTime: now.getTime() <= ticket.dueAt.getTime(),
          }),
          note: dto.note,
          now,
        })
      : this.transition(ticket, 'reject', principal, { note: dto.note, now });
  }

  async appeal(id: number, dto: AppealDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    this.check(ticket, 'appeal', principal);
    const attachmentIds = dto.attachmentIds ?? [];
    await this.attachments.requireAll(attachmentIds, 'attachmentIds');
    return this.transition(ticket, 'appeal', principal, {
      note: dto.reason,
      attachmentIds,
      inside: async (em, now) => {
        await em.insert(TicketAppeal, {
          ticketId: id,
          reason: dto.reason.trim(),
          attachmentIds,
          createdBy: principal.kind === 'staff' ? principal.userId : 0,
          createdAt: now,
          decision: null,
          decisionNote: null,
          decidedBy: null,
          decidedAt: null,
        });
      },
    });
  }

  async reviewAppeal(id: number, dto: AppealReviewDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    const action: TicketAction = dto.decision === 'uphold' ? 'uphold_appeal' : 'dismiss_appeal';
    this.check(ticket, action, principal);
    const decidedBy = principal.kind === 'staff' ? principal.userId : null;
    const upheld = dto.decision === 'uphold';
    const rating =
      upheld && ticket.ratingId
        ? await this.dataSource.manager.findOneBy(Rating, { id: ticket.ratingId })
        : null;
    const transaction = rating
      ? await this.dataSource.manager.findOneBy(Transaction, { id: ticket.transactionId })
      : null;
    if (rating && transaction)
      await this.rollups.ensure(rating, [rating.monthKey, transaction.finishedMonth]);
    // No visit can be recorded while a ticket is under appeal, so this stays true inside.
    const visited = upheld && (await this.visits.existsBy({ ticketId: ticket.id }));
    return this.transition(ticket, action, principal, {
      note: dto.note,
      rollup: upheld
        ? ticketCounterChange(ticketFacts(ticket, visited), { voided: true })
        : undefined,
      inside: async (em, now) => {
        const [appeal] = await em.find(TicketAppeal, {
          where: { ticketId: id },
          order: { id: 'DESC' },
          take: 1,
        });
        if (appeal) {
          await em.update(TicketAppeal, appeal.id, {
            decision: dto.decision === 'uphold' ? 'upheld' : 'dismissed',
            decisionNote: dto.note,
            decidedBy,
            decidedAt: now,
          });
        }
        // An upheld appeal voids the rating: it stays stored, flagged, and leaves the scores.
        if (rating && transaction) {
          const facts = { level: rating.level, channel: rating.channel, isDefault: false };
          const before = ratingContribution({ ...facts, voided: false });
          const after = ratingContribution({ ...facts, voided: true });
          await this.rollups.apply(
            em,
            rating,
            rating.monthKey,
            counterDifference(after.given, before.given),
          );
          await this.rollups.apply(
            em,
            rating,
            transaction.finishedMonth,
            counterDifference(after.finished, before.finished),
          );
          await this.recordCorrection(em, rating, transaction.finishedMonth, now);
        }
        if (rating) {
          await em.update(Rating, rating.id, { voided: true });
          await this.audit.record(
            {
              action: 'rating.void',
              entity: 'rating',
              entityId: rating.id,
              before: { voided: false },
              after: { voided: true, ticketNo: ticket.ticketNo },
            },
            em,
          );
        }
      },
    });
  }

  /** A handler about to call back sees the phone in full; the reveal is on the record. */
  async revealContact(id: number, principal: Principal): Promise<{ phone: string | null }> {
    const ticket = await this.findScoped(id, principal);
    if (!VISIT_STATUSES.includes(ticket.status)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'The contact is shown only while the ticket is being handled',
      );
    }
    const em = this.dataSource.manager;
    const source = ticket.ratingId
      ? await em.findOneBy(Rating, { id: ticket.ratingId })
      : await em.findOneBy(Complaint, { id: ticket.complaintId ?? 0 });
    const phone = source?.contactPhoneEnc ? this.pii.decrypt(source.contactPhoneEnc) : null;
    await this.dataSource.transaction(async (tx) => {
      await this.event(tx, ticket, 'contact_revealed', principal, {});
      await this.audit.record(
        { action: 'ticket.contact_revealed', entity: 'ticket', entityId: id },
        tx,
      );
    });
    return { phone };
  }

  /** The citizen accepts the reply, or refuses it once, which reopens the ticket. */
  async citizenVerdict(
    ticketNo: string,
    dto: AcceptanceDto,
    principal: Principal,
  ): Promise<TicketView> {
    if (principal.kind !== 'citizen')
      throw new DomainError('UNAUTHORIZED', 'Sign in with WeChat first');
    const ticket = await this.tickets.findOneBy({ ticketNo });
    const em = this.dataSource.manager;
    const source = ticket?.ratingId
      ? await em.findOneBy(Rating, { id: ticket.ratingId })
      : ticket?.complaintId
        ? await em.findOneBy(Complaint, { id: ticket.complaintId })
        : null;
    if (!ticket || !source || source.citizenId !== principal.citizenId) throw notFound('Ticket');
    if (ticket.status !== 'closed' || ticket.citizenAccepted !== null) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'Only a closed ticket awaiting your verdict can be accepted or refused',
      );
    }
    if (dto.accepted) {
      await this.dataSource.transaction(async (tx) => {
        const res = await tx
          .createQueryBuilder()
          .update(Ticket)
          .set({ citizenAccepted: true })
          .where('id = :id AND citizenAccepted IS NULL', { id: ticket.id })
          .execute();
        if (res.affected !== 1) throw new DomainError('INVALID_TRANSITION', 'Already answered');
        await this.event(tx, ticket, 'citizen_accept', principal, { note: dto.comment ?? null });
      });
      return toTicketView({ ...ticket, citizenAccepted: true }, this.clock.now());
    }
    if (ticket.citizenRefusedAt) {
      throw new DomainError('INVALID_TRANSITION', 'The reply can be refused once');
    }
    return this.transition(ticket, 'citizen_refuse', principal, {
      patch: { citizenAccepted: false, citizenRefusedAt: this.clock.now(), closedAt: null },
      // Undo what closing counted.
      rollup: ticketCounterChange(ticketFacts(ticket), { closed: false, closedOnTime: false }),
      note: dto.comment ?? null,
    });
  }

  // Internals

  private async findScoped(id: number, principal: Principal): Promise<Ticket> {
    const ticket = await this.tickets.findOneBy({ id });
    // Another department's ticket does not exist for a department handler.
    const confined = confinedDepartment(principal);
    if (!ticket || (confined !== undefined && confined !== ticket.departmentId)) {
      throw notFound('Ticket');
    }
    return ticket;
  }

  private check(ticket: Ticket, action: TicketAction, principal: Principal): void {
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
  private async transition(
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
      await this.audit.record(
        {
          action: `ticket.${action}`,
          entity: 'ticket',
          entityId: ticket.id,
          before: { status: ticket.status },
          after: { status: to, ...(opts.patch ?? {}), note: opts.note ?? null },
        },
        em,
      );
    });
    return toTicketView(await this.tickets.findOneByOrFail({ id: ticket.id }), now);
  }

  private async event(
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
      actorType: principal.kind === 'staff' ? 'user' : principal.kind,
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

  /**
   * A published month is never rewritten: voiding one of its ratings is recorded as a correction,
   * reported with the current month.
   */
  private async recordCorrection(
    em: EntityManager,
    rating: Rating,
    finishedMonth: string,
    now: Date,
  ): Promise<void> {
    const frozen = await em.find(ScoreSnapshot, {
      where: { monthKey: In([rating.monthKey, finishedMonth]), unitType: 'department' },
    });
    for (const snapshot of frozen) {
      await em.insert(ScoreCorrection, {
        recordedMonth: chinaMonth(now),
        correctsMonth: snapshot.monthKey,
        kind: 'rating_voided',
        departmentId: rating.departmentId,
        windowId: rating.windowId,
        staffId: rating.staffId,
        ratingId: rating.id,
        level: rating.level,
        note: `申诉成立，${snapshot.monthKey} 的 ${rating.level} 星评价作废`,
        createdAt: now,
      });
    }
  }
}
