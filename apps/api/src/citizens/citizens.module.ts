import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitizensController } from './citizens.controller';
import { CitizensService } from './citizens.service';
import { AccessTokenCache } from './entities/access-token.entity';
import { Citizen } from './entities/citizen.entity';
import { WechatSubscription } from './entities/wechat-subscription.entity';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WechatAccessToken } from './wechat-access-token';
import { WechatSubscribeSender } from './wechat-subscribe.sender';
import { WechatClient } from './wechat.client';
import { AuthModule } from '../auth/auth.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RatingsModule } from '../ratings/ratings.module';
import { SettingsModule } from '../settings/settings.module';

/**
 * Citizens who sign in with WeChat: the login, their answers to subscribe-message requests, and
 * the sender that delivers their ticket-progress messages from the outbox.
 */
@Module({
  imports: [
    AuthModule,
    OutboxModule,
    RatingsModule,
    SettingsModule,
    TypeOrmModule.forFeature([Citizen, WechatSubscription, AccessTokenCache]),
  ],
  controllers: [CitizensController, SubscriptionsController],
  providers: [
    CitizensService,
    WechatClient,
    WechatAccessToken,
    SubscriptionsService,
    WechatSubscribeSender,
  ],
})
export class CitizensModule {}
