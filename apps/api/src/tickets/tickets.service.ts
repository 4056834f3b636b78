import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ACTIVE_STATUSES,
  availableActions,
  chinaDate,
  counterDifference,
  dueSoonUntil,
  maskPersonalData,
  ratingContribution,
  canUrge,
  URGE_STATUSES,
  VISIT_STATUSES,
  type Page,
  type TicketAction,
} from '@haochaping/domain';
import { Brackets, DataSource, Repository } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { confinedDepartment, type Principal } from '../auth/principal';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { PiiService } from '../common/pii.service';
import { OrganisationService } from '../organisation/organisation.service';
import { Complaint } from '../ratings/entities/complaint.entity';
import { Rating } from '../ratings/entities/rating.entity';
import { RollupService } from '../scores/rollup.service';
import { ScoresService } from '../scores/scores.service';
import { Transaction } from '../transactions/entities/transaction.entity';
import type {
  AcceptanceDto,
  AppealDto,
  AppealReviewDto,
  RecordVisitDto,
  ReviewDto,
  SubmitResultDto,
  TicketListQuery,
  UrgeDto,
} from './dto/tickets.dto';
import { TicketAppeal } from './entities/ticket-appeal.entity';
import { ticketCounterChange, ticketFacts } from './ticket-facts';
import { actorOf, TicketWorkflow } from './ticket-workflow';
import { maskText, ticketDetailView, toTicketView, type TicketView } from './ticket.view';
import { TicketEvent } from './entities/ticket-event.entity';
import { TicketVisit } from './entities/ticket-visit.entity';
import { Ticket } from './entities/ticket.entity';
import { overdueCondition } from './overdue-sql';
import { Clock } from '../common/clock';
import { TicketNotices } from '../notifications/ticket-notices';

const ACTIVE = [...ACTIVE_STATUSES];

@Injectable()
export class TicketsService {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(TicketEvent) private readonly events: Repository<TicketEvent>,
    @InjectRepository(TicketVisit) private readonly visits: Repository<TicketVisit>,
    @InjectRepository(TicketAppeal) private readonly appeals: Repository<TicketAppeal>,
    // The rating, complaint and transaction behind a ticket, through the repositories their
    // modules export; names through the organisation's lookup.
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    @InjectRepository(Complaint) private readonly complaints: Repository<Complaint>,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
    private readonly pii: PiiService,
    private readonly rollups: RollupService,
    private readonly scores: ScoresService,
    private readonly calendar: CalendarService,
    private readonly notices: TicketNotices,
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
    if (q.ticketNo) {
      qb.andWhere('t.ticketNo LIKE :ticketNo', { ticketNo: `${q.ticketNo.toUpperCase()}%` });
    }
    if (q.overdue !== undefined) {
      // dueAt is never NULL, so NOT (…) is exactly "not overdue".
      const overdue = overdueCondition(now);
      qb.andWhere(q.overdue ? overdue.sql : `NOT ${overdue.sql}`, overdue.params);
    }
    // isDueSoon (libs/domain) in SQL: still running, not overdue, due by the end of the window.
    const until = dueSoonUntil(now, await this.calendar.calendar());
    if (q.nearDue !== undefined) {
      const params = { active: ACTIVE, now, until };
      if (q.nearDue) {
        qb.andWhere('t.status IN (:...active) AND t.dueAt >= :now AND t.dueAt <= :until', params);
      } else {
        qb.andWhere(
          new Brackets((w) =>
            w
              .where('t.status NOT IN (:...active)', params)
              .orWhere('t.dueAt < :now', params)
              .orWhere('t.dueAt > :until', params),
          ),
        );
      }
    }
    const [rows, total] = await qb
      .orderBy('t.id', q.order === 'oldest' ? 'ASC' : 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((t) => toTicketView(t, { now, dueSoonUntil: until })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(id: number, principal: Principal, now = this.clock.now()) {
    const ticket = await this.findScoped(id, principal);
    const [events, visits, appeals, transaction, rating, complaint] = await Promise.all([
      this.events.find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.visits.find({ where: { ticketId: id }, order: { id: 'ASC' } }),
      this.appeals.find({ where: { ticketId: id }, order: { id: 'DESC' }, take: 1 }),
      this.transactions.findOneBy({ id: ticket.transactionId }),
      ticket.ratingId ? this.ratings.findOneBy({ id: ticket.ratingId }) : null,
      ticket.complaintId ? this.complaints.findOneBy({ id: ticket.complaintId }) : null,
    ]);
    const names = await this.organisation.lookup({
      serviceItemIds: transaction ? [transaction.serviceItemId] : [],
      departmentIds: [ticket.departmentId],
      windowIds: [ticket.windowId],
      staffIds: [ticket.staffId],
    });
    const item = transaction ? (names.items.get(transaction.serviceItemId) ?? null) : null;
    const department = names.departments.get(ticket.departmentId) ?? null;
    const window = names.windows.get(ticket.windowId) ?? null;
    const staff = names.staff.get(ticket.staffId) ?? null;
    return ticketDetailView(
      { ticket, events, visits, appeal: appeals[0] ?? null, transaction, rating, complaint },
      { item, department, window, staff },
      availableActions(ticket.status, actorOf(principal)),
      { now, dueSoonUntil: dueSoonUntil(now, await this.calendar.calendar()) },
    );
  }

  async accept(id: number, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    return this.workflow.transition(ticket, 'accept', principal, {});
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
      await this.workflow.event(em, ticket, 'visit', principal, {
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
    this.workflow.check(ticket, 'submit', principal);
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
    return this.workflow.transition(ticket, 'submit', principal, {
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
      ? this.workflow.transition(ticket, 'approve', principal, {
          patch: { closedAt: now, citizenAccepted: null },
          rollup: ticketCounterChange(ticketFacts(ticket), {
            closed: true,
            closedOnTime: now.getTime() <= ticket.dueAt.getTime(),
          }),
          note: dto.note,
          now,
        })
      : this.workflow.transition(ticket, 'reject', principal, { note: dto.note, now });
  }

  async appeal(id: number, dto: AppealDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    this.workflow.check(ticket, 'appeal', principal);
    const attachmentIds = dto.attachmentIds ?? [];
    await this.attachments.requireOwned(attachmentIds, dto.attachmentKeys);
    return this.workflow.transition(ticket, 'appeal', principal, {
      note: dto.reason,
      attachmentIds,
      inside: async (em, now) => {
        const inserted = await em.insert(TicketAppeal, {
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
        await this.attachments.link(em, attachmentIds, {
          ownerType: 'appeal',
          ownerId: Number(inserted.identifiers[0].id),
          departmentId: ticket.departmentId,
          ticketId: ticket.id,
        });
      },
    });
  }

  async reviewAppeal(id: number, dto: AppealReviewDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    const action: TicketAction = dto.decision === 'uphold' ? 'uphold_appeal' : 'dismiss_appeal';
    this.workflow.check(ticket, action, principal);
    const decidedBy = principal.kind === 'staff' ? principal.userId : null;
    const upheld = dto.decision === 'uphold';
    const rating =
      upheld && ticket.ratingId ? await this.ratings.findOneBy({ id: ticket.ratingId }) : null;
    const transaction = rating
      ? await this.transactions.findOneBy({ id: ticket.transactionId })
      : null;
    if (rating && transaction)
      await this.rollups.ensure(rating, [rating.monthKey, transaction.finishedMonth]);
    // No visit can be recorded while a ticket is under appeal, so this stays true inside.
    const visited = upheld && (await this.visits.existsBy({ ticketId: ticket.id }));
    return this.workflow.transition(ticket, action, principal, {
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
          await this.scores.recordVoidedRating(em, rating, transaction.finishedMonth, now);
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

  /**
   * 督办: a supervisor nudges the department while it is the one to act. Not a move of the
   * workflow: the ticket keeps its status; the event, the count on the ticket, the audit row and
   * the handlers' notice are written in one transaction.
   */
  async urge(id: number, dto: UrgeDto, principal: Principal): Promise<TicketView> {
    const ticket = await this.findScoped(id, principal);
    const note = dto.note.trim();
    if (note.length < 2) throw invalidField('note', 'note must say what is expected');
    const notNow = () =>
      new DomainError(
        'INVALID_TRANSITION',
        `A ${ticket.status} ticket waits for no department action to urge`,
      );
    if (!canUrge(ticket.status)) throw notNow();
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Ticket)
        .set({ urgeCount: () => 'urgeCount + 1', updatedAt: now })
        .where('id = :id AND status IN (:...statuses)', { id, statuses: [...URGE_STATUSES] })
        .execute();
      // Moved on meanwhile (e.g. submitted): nothing to urge any more.
      if (res.affected !== 1) throw notNow();
      await this.workflow.event(em, ticket, 'urge', principal, { note, now });
      await this.audit.record(
        { action: 'ticket.urge', entity: 'ticket', entityId: id, after: { note } },
        em,
      );
      await this.notices.urged(em, ticket, note, now);
    });
    const until = dueSoonUntil(now, await this.calendar.calendar());
    return toTicketView(await this.tickets.findOneByOrFail({ id }), { now, dueSoonUntil: until });
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
    const source = await this.citizenSource(ticket);
    const phone = source?.contactPhoneEnc ? this.pii.decrypt(source.contactPhoneEnc) : null;
    await this.dataSource.transaction(async (tx) => {
      await this.workflow.event(tx, ticket, 'contact_revealed', principal, {});
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
    const source = ticket ? await this.citizenSource(ticket) : null;
    if (!ticket || !source || source.citizenId !== principal.citizenId) throw notFound('Ticket');
    return this.verdict(ticket, dto, principal);
  }

  /**
   * The verdict itself, once the caller is known to be the ticket's citizen: signed in with WeChat
   * (above), or holding the rating token of the ticket's transaction (ticket-progress.service).
   */
  async verdict(ticket: Ticket, dto: AcceptanceDto, principal: Principal): Promise<TicketView> {
    if (ticket.status !== 'closed' || ticket.citizenAccepted !== null) {
      throw new DomainError(
        'INVALID_TRANSITION',
        'Only a closed ticket awaiting your verdict can be accepted or refused',
      );
    }
    if (dto.accepted) {
      return this.workflow.transition(ticket, 'citizen_accept', principal, {
        patch: { citizenAccepted: true },
        note: dto.comment ?? null,
      });
    }
    if (ticket.citizenRefusedAt) {
      throw new DomainError('INVALID_TRANSITION', 'The reply can be refused once');
    }
    return this.workflow.transition(ticket, 'citizen_refuse', principal, {
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

  /** The rating or complaint behind a ticket: where the citizen and the phone are. */
  private citizenSource(ticket: Ticket): Promise<Rating | Complaint | null> {
    if (ticket.ratingId) return this.ratings.findOneBy({ id: ticket.ratingId });
    if (ticket.complaintId) return this.complaints.findOneBy({ id: ticket.complaintId });
    return Promise.resolve(null);
  }
}
