import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { Roles } from '../auth/decorators';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { IdParamPipe } from '../common/id-param.pipe';
import { OutboxListQuery } from './dto/outbox.dto';
import { OutboxMessageResponse } from './dto/outbox.response';
import { OutboxService, type OutboxView } from './outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@Roles('admin')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Delivery state of outgoing messages, newest first' })
  @ApiPageResponse(OutboxMessageResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: OutboxListQuery): Promise<Page<OutboxView>> {
    return this.outbox.list(q);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue a failed or skipped message again (409 for any other)' })
  @ApiOkResponse({ type: OutboxMessageResponse })
  @ApiErrors(400, 401, 403, 404, 409)
  retry(@Param('id', IdParamPipe) id: number): Promise<OutboxView> {
    return this.outbox.retry(id);
  }
}
