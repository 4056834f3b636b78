import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { maskPersonalData, type NoticeKind } from '@haochaping/domain';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { UsersService } from '../users/users.service';
import { StaffNotice } from './entities/staff-notice.entity';

/** Who hears of an event: a department's handlers, the supervisors, or one user. */
export type NoticeAudience = { handlersOf: number } | { supervisors: true } | { userId: number };

export interface NewNotice {
  kind: NoticeKind;
  ticket: { id: number; ticketNo: string } | null;
  title: string;
  to: NoticeAudience[];
  now: Date;
}

export interface NoticeView {
  id: number;
  kind: NoticeKind;
  ticketId: number | null;
  ticketNo: string | null;
  title: string;
  createdAt: Date;
  read: boolean;
}

const MAX_TITLE = 200;
const INSERT_CHUNK = 200;

/** Staff to-do notices: written with their event, listed and marked read by their recipient. */
@Injectable()
export class StaffNoticesService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(StaffNotice) private readonly notices: Repository<StaffNotice>,
    private readonly users: UsersService,
  ) {}

  /**
   * One notice per enabled recipient, inside the caller's transaction (so it exists exactly if
   * the event does). Phone and ID numbers in the title are masked.
   */
  async notify(em: EntityManager, n: NewNotice): Promise<number> {
    const ids = new Set<number>();
    for (const audience of n.to) {
      for (const id of await this.users.noticeRecipients(em, audience)) ids.add(id);
    }
    const title = cut(maskPersonalData(n.title.replace(/\s+/g, ' ').trim()), MAX_TITLE);
    const rows = [...ids].map((userId) => ({
      userId,
      kind: n.kind,
      ticketId: n.ticket?.id ?? null,
      ticketNo: n.ticket?.ticketNo ?? null,
      title,
      createdAt: n.now,
      readAt: null,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await em.insert(StaffNotice, rows.slice(i, i + INSERT_CHUNK));
    }
    return rows.length;
  }

  /** The user's notices, newest first; `total` counts all that match the filter. */
  async list(
    userId: number,
    q: { unread?: boolean; limit: number },
  ): Promise<{ items: NoticeView[]; total: number }> {
    const where =
      q.unread === undefined ? { userId } : { userId, readAt: q.unread ? IsNull() : Not(IsNull()) };
    const [rows, total] = await this.notices.findAndCount({
      where,
      order: { id: 'DESC' },
      take: q.limit,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        ticketId: r.ticketId,
        ticketNo: r.ticketNo,
        title: r.title,
        createdAt: r.createdAt,
        read: r.readAt !== null,
      })),
      total,
    };
  }

  /** Marks the user's own notices among `ids` read; others' ids are ignored. */
  async markRead(userId: number, ids: number[]): Promise<{ updated: number }> {
    const res = await this.notices.update(
      { userId, id: In(ids), readAt: IsNull() },
      { readAt: this.clock.now() },
    );
    return { updated: res.affected ?? 0 };
  }
}

function cut(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}
