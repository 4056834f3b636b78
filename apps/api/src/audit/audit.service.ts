import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { maskPersonalData, type Page } from '@haochaping/domain';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { requestContext } from '../common/request-context';
import { AuditEntry } from './entities/audit-entry.entity';
import { Clock } from '../common/clock';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Fields never copied into the audit trail. */
const SECRET_FIELDS = new Set([
  'passwordHash',
  'password',
  'keyHash',
  'contactPhoneEnc',
  'applicantPhoneEnc',
]);

function clean(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Every string of a recorded value, however deep (option tags, notice days), masked. */
function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}

/** Stored as recorded, shown with phone and ID numbers in free text (notes, replies) masked. */
function masked(value: Record<string, unknown> | null): Record<string, unknown> | null {
  return value ? (maskDeep(value) as Record<string, unknown>) : value;
}

/** 'user', 'apiKey' or 'citizen' (with a WeChat login or by the rating token of their transaction). */
function actorType(p: Principal): string {
  if (p.kind === 'staff') return 'user';
  if (p.kind === 'ratingToken') return 'citizen';
  return p.kind;
}

function actorId(p: Principal): number | null {
  switch (p.kind) {
    case 'staff':
      return p.userId;
    case 'apiKey':
      return p.apiKeyId;
    case 'citizen':
      return p.citizenId;
    case 'ratingToken':
      return null;
  }
}

/** The append-only audit trail: this service inserts and reads, nothing updates or deletes. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  /** Writes inside the caller's transaction when given one, so the change and its record agree. */
  async record(input: AuditInput, em?: EntityManager, actor?: Principal): Promise<void> {
    const ctx = requestContext.getStore();
    // Who acts: the request's principal, or the one the caller established (a rating token).
    const p = actor ?? ctx?.principal;
    const entry: Partial<AuditEntry> = {
      actorType: p ? actorType(p) : 'system',
      actorId: p ? actorId(p) : null,
      actorName:
        p?.kind === 'staff'
          ? p.username
          : p?.kind === 'apiKey'
            ? p.name.slice(0, 64)
            : p?.kind === 'ratingToken'
              ? 'rating token'
              : null,
      action: input.action,
      entity: input.entity,
      entityId: String(input.entityId),
      before: clean(input.before),
      after: clean(input.after),
      ip: ctx?.ip?.slice(0, 64) ?? null,
      createdAt: this.clock.now(),
    };
    const repo = em ? em.getRepository(AuditEntry) : this.entries;
    await repo.save(repo.create(entry));
  }

  async list(
    filter: { entity?: string; entityId?: string },
    page: number,
    pageSize: number,
  ): Promise<Page<AuditEntry>> {
    const where: Partial<Pick<AuditEntry, 'entity' | 'entityId'>> = {};
    if (filter.entity) where.entity = filter.entity;
    if (filter.entityId) where.entityId = filter.entityId;
    const [items, total] = await this.entries.findAndCount({
      where,
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return {
      items: items.map((e) => ({ ...e, before: masked(e.before), after: masked(e.after) })),
      total,
      page,
      pageSize,
    };
  }
}
