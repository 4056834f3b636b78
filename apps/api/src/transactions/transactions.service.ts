import { Injectable } from '@nestjs/common';
import { chinaMonth, TRANSACTION_CONTRIBUTION } from '@haochaping/domain';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DomainError, invalidField, notFound } from '../common/domain-error';
import { PiiService } from '../common/pii.service';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { RollupService } from '../scores/rollup.service';
import { SettingsService } from '../settings/settings.service';
import type { RegisterTransactionDto } from './dto/register-transaction.dto';
import { Transaction } from './entities/transaction.entity';
import { RatingTokenService } from './rating-token.service';
import { isUniqueViolation } from '../database/errors';
import { Clock } from '../common/clock';

export interface RegisteredTransaction {
  id: number;
  transactionNo: string;
  ratingToken: string;
  ratingUrl: string;
  expiresAt: Date;
}

const DAY_MS = 86_400_000;

@Injectable()
export class TransactionsService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(Transaction) private readonly transactions: Repository<Transaction>,
    @InjectRepository(ServiceItem) private readonly items: Repository<ServiceItem>,
    @InjectRepository(ServiceWindow) private readonly windows: Repository<ServiceWindow>,
    @InjectRepository(Staff) private readonly staff: Repository<Staff>,
    private readonly dataSource: DataSource,
    private readonly tokens: RatingTokenService,
    private readonly settings: SettingsService,
    private readonly pii: PiiService,
    private readonly rollups: RollupService,
  ) {}

  /**
   * Registers a finished transaction. Idempotent on transactionNo: the same data again answers
   * the first registration (`created: false`); different data is a conflict.
   */
  async register(
    dto: RegisterTransactionDto,
    by: Principal,
  ): Promise<{ created: boolean; transaction: RegisteredTransaction }> {
    const window = await this.windows.findOneBy({ code: dto.windowCode });
    if (!window) throw invalidField('windowCode', `window "${dto.windowCode}" does not exist`);
    if (by.kind === 'staff' && by.windowId !== window.id) {
      throw new DomainError(
        'FORBIDDEN',
        'A window account registers transactions of its own window only',
      );
    }
    const item = await this.items.findOneBy({ code: dto.serviceItemCode });
    if (!item)
      throw invalidField('serviceItemCode', `service item "${dto.serviceItemCode}" does not exist`);
    const member = await this.staff.findOneBy({ staffNo: dto.staffNo });
    if (!member) throw invalidField('staffNo', `staff member "${dto.staffNo}" does not exist`);
    // A window registers its own department's work: another department's service item or staff
    // member would put the rating (and a bad one's ticket) on a unit that never handled the case.
    const foreign: Record<string, string[]> = {};
    if (item.departmentId !== window.departmentId) {
      foreign.serviceItemCode = [
        `service item "${dto.serviceItemCode}" belongs to another department than window "${dto.windowCode}"`,
      ];
    }
    if (member.departmentId !== window.departmentId) {
      foreign.staffNo = [
        `staff member "${dto.staffNo}" belongs to another department than window "${dto.windowCode}"`,
      ];
    }
    if (Object.keys(foreign).length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Not of the window's department: ${Object.keys(foreign).join(', ')}`,
        foreign,
      );
    }
    const finishedAt = new Date(dto.finishedAt);
    if (finishedAt.getTime() > this.clock.nowMs() + 5 * 60_000) {
      throw invalidField('finishedAt', 'finishedAt lies in the future');
    }
    const phoneHash = dto.applicantPhone ? this.pii.hash(dto.applicantPhone) : null;
    const candidate = {
      transactionNo: dto.transactionNo,
      serviceItemId: item.id,
      // 谁办理谁负责: the department owning the service item (the window's, as checked above).
      departmentId: item.departmentId,
      windowId: window.id,
      staffId: member.id,
      finishedAt,
      applicantType: dto.applicantType ?? 'person',
      applicantPhoneHash: phoneHash,
    };

    const existing = await this.transactions.findOneBy({ transactionNo: dto.transactionNo });
    if (existing) return { created: false, transaction: this.sameOrConflict(existing, candidate) };

    const { ratingWindowDays } = await this.settings.get();
    const phone = dto.applicantPhone ? this.pii.protectPhone(dto.applicantPhone) : null;
    const entity = this.transactions.create({
      ...candidate,
      applicantPhoneEnc: phone?.encrypted ?? null,
      applicantPhoneMasked: phone?.masked ?? null,
      registeredByUserId: by.kind === 'staff' ? by.userId : null,
      registeredByApiKeyId: by.kind === 'apiKey' ? by.apiKeyId : null,
      tokenExpiresAt: new Date(finishedAt.getTime() + ratingWindowDays * DAY_MS),
      finishedMonth: chinaMonth(finishedAt),
    });
    try {
      await this.rollups.ensure(entity, [entity.finishedMonth]);
      const saved = await this.dataSource.transaction(async (em) => {
        const row = await em.save(entity);
        await this.rollups.apply(em, row, row.finishedMonth, TRANSACTION_CONTRIBUTION);
        return row;
      });
      return { created: true, transaction: this.view(saved) };
    } catch (error) {
      // A parallel registration of the same number won the unique index.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.transactions.findOneBy({ transactionNo: dto.transactionNo });
      if (!winner) throw error;
      return { created: false, transaction: this.sameOrConflict(winner, candidate) };
    }
  }

  async findForCaller(id: number, by: Principal): Promise<Transaction> {
    const transaction = await this.transactions.findOneBy({ id });
    // Outside a window account's own window the transaction does not exist for it.
    if (!transaction || (by.kind === 'staff' && by.windowId !== transaction.windowId)) {
      throw notFound('Transaction');
    }
    return transaction;
  }

  view(t: Transaction): RegisteredTransaction {
    const ratingToken = this.tokens.sign(t.id, t.tokenExpiresAt);
    return {
      id: t.id,
      transactionNo: t.transactionNo,
      ratingToken,
      ratingUrl: this.tokens.ratingUrl(ratingToken),
      expiresAt: t.tokenExpiresAt,
    };
  }

  private sameOrConflict(
    existing: Transaction,
    candidate: Pick<
      Transaction,
      | 'serviceItemId'
      | 'windowId'
      | 'staffId'
      | 'finishedAt'
      | 'applicantType'
      | 'applicantPhoneHash'
    >,
  ): RegisteredTransaction {
    const differs: string[] = [];
    if (existing.serviceItemId !== candidate.serviceItemId) differs.push('serviceItemCode');
    if (existing.windowId !== candidate.windowId) differs.push('windowCode');
    if (existing.staffId !== candidate.staffId) differs.push('staffNo');
    if (existing.finishedAt.getTime() !== candidate.finishedAt.getTime())
      differs.push('finishedAt');
    if (existing.applicantType !== candidate.applicantType) differs.push('applicantType');
    if (existing.applicantPhoneHash !== candidate.applicantPhoneHash)
      differs.push('applicantPhone');
    if (differs.length > 0) {
      throw new DomainError(
        'TRANSACTION_CONFLICT',
        `Transaction ${existing.transactionNo} is registered already with other ${differs.join(', ')}`,
        Object.fromEntries(differs.map((f) => [f, ['differs from the first registration']])),
      );
    }
    return this.view(existing);
  }
}
