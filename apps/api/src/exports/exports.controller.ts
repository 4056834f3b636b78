import { Get, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/decorators';
import { ExportQuery } from '../scores/dto/scores.dto';
import { ExportsService } from './exports.service';
import { ApiBinaryResponse, ApiErrors } from '../common/api-docs';
import { BearerController } from '../common/routes';

@BearerController('exports', 'exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('monthly')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'The monthly report: xlsx with all sheets, or csv of the department ranking',
  })
  @ApiBinaryResponse(
    'The report file',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
  )
  @ApiErrors(400, 401, 403)
  async monthly(@Query() q: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const disposition = `attachment; filename="haochaping-${q.month}.${q.format}"`;
    if (q.format === 'csv') {
      const csv = await this.exports.csv(q.month);
      await reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', disposition)
        .send(csv);
      return;
    }
    // Any error computing the rankings is thrown before the first byte, as a JSON error.
    const stream = await this.exports.xlsx(q.month);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', disposition)
      .send(stream);
  }
}
