import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { Roles } from '../auth/decorators';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { IdParamPipe } from '../common/id-param.pipe';
import { OutboxListQuery } from './dto/outbox.dto';
import { OutboxMessageResponse } from './dto/outbox.response';
import { OutboxService, type OutboxView } from './outbox.service';
import { ActionRoute, BearerController } from '../common/routes';

@BearerController('outbox', 'outbox')
@Roles('admin')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Delivery state of outgoing messages, newest first' })
  @ApiPageResponse(OutboxMessageResponse)
  @ApiErrors(400, 401, 403)
  list(@Query() q: OutboxListQuery): Promise<Page<OutboxView>> {
    return this.outbox.list(q);
  }

  @ActionRoute(':id/retry', OutboxMessageResponse, 400, 401, 403, 404, 409)
  @ApiOperation({ summary: 'Queue a failed or skipped message again (409 for any other)' })
  retry(@Param('id', IdParamPipe) id: number): Promise<OutboxView> {
    return this.outbox.retry(id);
  }
}
