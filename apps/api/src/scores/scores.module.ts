import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScoreCorrection } from './entities/score-correction.entity';
import { ScoreRollup } from './entities/score-rollup.entity';
import { ScoreSnapshot } from './entities/score-snapshot.entity';
import { RollupService } from './rollup.service';
import { ScoresController } from './scores.controller';
import { ScoresService } from './scores.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ScoreRollup, ScoreSnapshot, ScoreCorrection])],
  controllers: [ScoresController],
  providers: [RollupService, ScoresService],
  exports: [RollupService, ScoresService],
})
export class ScoresModule {}
