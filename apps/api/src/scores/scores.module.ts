import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScoreCorrection } from './entities/score-correction.entity';
import { ScoreRollup } from './entities/score-rollup.entity';
import { ScoreSnapshot } from './entities/score-snapshot.entity';
import { RollupService } from './rollup.service';
import { ScoresCache } from './scores-cache';
import { ScoresController } from './scores.controller';
import { ScoresService } from './scores.service';
import { SettingsModule } from '../settings/settings.module';
import { AuditModule } from '../audit/audit.module';
import { OrganisationModule } from '../organisation/organisation.module';

@Module({
  imports: [
    OrganisationModule,
    SettingsModule,
    AuditModule,
    TypeOrmModule.forFeature([ScoreRollup, ScoreSnapshot, ScoreCorrection]),
  ],
  controllers: [ScoresController],
  providers: [ScoresCache, RollupService, ScoresService],
  exports: [RollupService, ScoresService],
})
export class ScoresModule {}
