import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { isMonth } from '../common/validators';
import { ScoresQuery, TrendQuery } from './dto/scores.dto';
import { ScoresService, type ScoresView } from './scores.service';

@ApiTags('scores')
@ApiBearerAuth()
@Controller('scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get()
  @Roles('supervisor', 'department', 'admin')
  @ApiOperation({ summary: 'Monthly indicators, score and rank per department, window or staff' })
  get(@Query() q: ScoresQuery): Promise<ScoresView> {
    return this.scores.scores(q.month, q.by);
  }

  @Get('trend')
  @Roles('supervisor', 'department', 'admin')
  @ApiOperation({ summary: 'One unit over the last months, for charts' })
  trend(@Query() q: TrendQuery) {
    return this.scores.trend(q.unit, q.id, q.months);
  }

  @Post(':month/freeze')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Publish and freeze a finished month' })
  freeze(@Param('month') month: string, @CurrentPrincipal() p: Principal): Promise<ScoresView> {
    if (!isMonth(month)) throw invalidField('month', 'month must be YYYY-MM');
    return this.scores.freeze(month, p.kind === 'staff' ? p.userId : null);
  }

  @Post('rebuild')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Recompute every score rollup from the raw rows' })
  rebuild(): Promise<{ rows: number }> {
    return this.scores.rebuild();
  }
}
