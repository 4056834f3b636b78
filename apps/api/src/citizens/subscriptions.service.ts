import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { invalidField } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/errors';
import { RatingsService } from '../ratings/ratings.service';
import type { SubscriptionDto } from './dto/subscription.dto';
import { WechatSubscription } from './entities/wechat-subscription.entity';

export interface SubscriptionView {
  templateId: string;
  accepted: boolean;
  remaining: number;
}

/** The citizen's answers to requestSubscribeMessage: each accept allows one more message. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(WechatSubscription)
    private readonly subscriptions: Repository<WechatSubscription>,
    private readonly ratings: RatingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(citizenId: number, dto: SubscriptionDto): Promise<SubscriptionView> {
    const { templateId, accepted } = dto;
    if (templateId !== this.config.wechat.templateTicketProgress) {
      throw invalidField('templateId', 'not a subscribe-message template of this service');
    }
    if (dto.token) await this.ratings.linkToCitizen(dto.token, citizenId);
    const now = this.clock.now();
    const answer = { lastAccepted: accepted, answeredAt: now };
    const add = async () => {
      await this.subscriptions
        .createQueryBuilder()
        .update(WechatSubscription)
        .set({ ...answer, remaining: () => (accepted ? 'remaining + 1' : 'remaining') })
        .where('citizenId = :citizenId AND templateId = :templateId', { citizenId, templateId })
        .execute();
    };
    if (await this.subscriptions.existsBy({ citizenId, templateId })) {
      await add();
    } else {
      try {
        await this.subscriptions.insert({
          citizenId,
          templateId,
          remaining: accepted ? 1 : 0,
          ...answer,
        });
      } catch (error) {
        // Two answers at once: the other created the row; count this one on it.
        if (!isUniqueViolation(error)) throw error;
        await add();
      }
    }
    const row = await this.subscriptions.findOneByOrFail({ citizenId, templateId });
    return { templateId, accepted, remaining: row.remaining };
  }
}
