import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { CitizensModule } from './citizens/citizens.module';
import { Clock, SystemClock } from './common/clock';
import { loggerParams } from './common/logging';
import { PiiService } from './common/pii.service';
import { RateLimitGuard } from './common/rate-limit.guard';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseAvailability } from './database/availability';
import { SqliteTransactions } from './database/sqlite-transactions';
import { dataSourceOptions } from './database/data-source-options';
import { TimestampsSubscriber } from './database/timestamps.subscriber';
import { ExportsModule } from './exports/exports.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationModule } from './organisation/organisation.module';
import { OutboxModule } from './outbox/outbox.module';
import { RatingsModule } from './ratings/ratings.module';
import { ScoresModule } from './scores/scores.module';
import { SeedService } from './seed/seed.service';
import { SettingsModule } from './settings/settings.module';
import { TicketsModule } from './tickets/tickets.module';
import { TransactionsModule } from './transactions/transactions.module';
import { UsersModule } from './users/users.module';
import { WindowDeskModule } from './window-desk/window-desk.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        PiiService,
      ],
      exports: [APP_CONFIG, Clock, PiiService],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        LoggerModule.forRoot(loggerParams(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.database),
          migrationsRun: true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        AuditModule,
        CalendarModule,
        ScoresModule,
        AuthModule,
        ApiKeysModule,
        OrganisationModule,
        UsersModule,
        SettingsModule,
        TransactionsModule,
        AttachmentsModule,
        RatingsModule,
        CitizensModule,
        TicketsModule,
        WindowDeskModule,
        JobsModule,
        OutboxModule,
        NotificationsModule,
        ExportsModule,
      ],
      controllers: [HealthController],
      providers: [
        SeedService,
        TimestampsSubscriber,
        DatabaseAvailability,
        SqliteTransactions,
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
