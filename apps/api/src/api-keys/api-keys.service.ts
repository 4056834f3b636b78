import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Page } from '@haochaping/domain';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/domain-error';
import { ApiKey } from './entities/api-key.entity';
import { Clock } from '../common/clock';

export interface ApiKeyView {
  id: number;
  name: string;
  keyPrefix: string;
  enabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Keys are 256-bit random, so a plain SHA-256 is enough to store them (no slow hash needed). */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
  ) {}

  async create(name: string, createdBy: number): Promise<ApiKeyView & { key: string }> {
    const key = `hcp_${randomBytes(32).toString('base64url')}`;
    const saved = await this.keys.manager.transaction(async (em) => {
      const row = await em.save(
        this.keys.create({ name, keyHash: sha256(key), keyPrefix: key.slice(0, 10), createdBy }),
      );
      await this.audit.record(
        {
          action: 'api_key.create',
          entity: 'api_key',
          entityId: row.id,
          after: { ...toView(row) },
        },
        em,
      );
      return row;
    });
    return { ...toView(saved), key };
  }

  async list(page: number, pageSize: number): Promise<Page<ApiKeyView>> {
    const [rows, total] = await this.keys.findAndCount({
      order: { id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toView), total, page, pageSize };
  }

  async revoke(id: number): Promise<ApiKeyView> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw notFound('API key');
    key.enabled = false;
    return this.keys.manager.transaction(async (em) => {
      const saved = toView(await em.save(key));
      await this.audit.record(
        { action: 'api_key.revoke', entity: 'api_key', entityId: id, after: { enabled: false } },
        em,
      );
      return saved;
    });
  }

  /** The key behind an `X-Api-Key` header, if it exists and is enabled. */
  async verify(presented: string): Promise<ApiKey | null> {
    if (presented.length > 200) return null;
    const key = await this.keys.findOneBy({ keyHash: sha256(presented) });
    if (!key?.enabled) return null;
    await this.keys.update(key.id, { lastUsedAt: this.clock.now() });
    return key;
  }
}

function toView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    enabled: key.enabled,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
  };
}
