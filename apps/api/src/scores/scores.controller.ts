import { Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { isMonth } from '../common/validators';
import { ScoresQuery, TrendQuery } from './dto/scores.dto';
import { ScoresService, type ScoresView, type TrendView } from './scores.service';
import { ApiErrors } from '../common/api-docs';
import { RebuildResponse, ScoresResponse, TrendResponse } from './dto/scores.response';
import { ActionRoute, BearerController } from '../common/routes';

@BearerController('scores', 'scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get()
  @Roles('supervisor', 'department', 'admin')
  @ApiOperation({ summary: 'Monthly indicators, score and rank per department, window or staff' })
  @ApiOkResponse({ type: ScoresResponse })
  @ApiErrors(400, 401, 403)
  // Serialised by the service, which caches the JSON of a month's rows (the same bytes).
  @Header('Content-Type', 'application/json; charset=utf-8')
  get(@Query() q: ScoresQuery): Promise<Buffer> {
    return this.scores.scoresJson(q.month, q.by, {
      departmentId: q.departmentId,
      page: q.page,
      pageSize: q.pageSize,
      sort: q.sort,
      order: q.order,
    });
  }

  @Get('trend')
  @Roles('supervisor', 'department', 'admin')
  @ApiOperation({
    summary: 'One unit, or the whole centre, over the last months, for charts',
    description:
      'unit=centre sums every department (the same formulas and weights as the rows; rank ' +
      'null) and takes no id; the other units need their id.',
  })
  @ApiOkResponse({ type: TrendResponse })
  @ApiErrors(400, 401, 403)
  trend(@Query() q: TrendQuery): Promise<TrendView> {
    if (q.unit === 'centre') {
      if (q.id !== undefined) throw invalidField('id', 'the centre has no id: leave id out');
      return this.scores.centreTrend(q.months);
    }
    if (q.id === undefined)
      throw invalidField('id', `id is required for unit ${q.unit}: the unit's id`);
    return this.scores.trend(q.unit, q.id, q.months);
  }

  @ActionRoute(':month/freeze', ScoresResponse, 400, 401, 403, 409)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Publish and freeze a finished month' })
  freeze(@Param('month') month: string, @CurrentPrincipal() p: Principal): Promise<ScoresView> {
    if (!isMonth(month)) throw invalidField('month', 'month must be YYYY-MM');
    return this.scores.freeze(month, p.kind === 'staff' ? p.userId : null);
  }

  @ActionRoute('rebuild', RebuildResponse, 400, 401, 403)
  @Roles('admin')
  @ApiOperation({ summary: 'Recompute every score rollup from the raw rows' })
  rebuild(): Promise<{ rows: number }> {
    return this.scores.rebuild();
  }
}
