import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceItem } from '../organisation/entities/service-item.entity';
import { ServiceWindow } from '../organisation/entities/service-window.entity';
import { Staff } from '../organisation/entities/staff.entity';
import { Transaction } from './entities/transaction.entity';
import { RatingTokenService } from './rating-token.service';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';
import { SettingsModule } from '../settings/settings.module';
import { ScoresModule } from '../scores/scores.module';

@Module({
  imports: [
    SettingsModule,
    ScoresModule,
    TypeOrmModule.forFeature([Transaction, ServiceItem, ServiceWindow, Staff]),
  ],
  controllers: [TransactionsController],
  providers: [TransactionsService, RatingTokenService],
  exports: [RatingTokenService, TransactionsService, TypeOrmModule],
})
export class TransactionsModule {}
