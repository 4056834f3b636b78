import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { IdParamPipe } from '../common/id-param.pipe';
import { OutboxListQuery } from './dto/outbox.dto';
import { OutboxMessageResponse } from './dto/outbox.response';
import { OutboxService, type OutboxView } from './outbox.service';
import { ActionRoute, BearerController } from '../common/routes';

/** Supervisors watch and re-push the provincial pushes; everything else is the admin's. */
function requireChannelFor(principal: Principal, channel: string | undefined): void {
  if (principal.kind === 'staff' && principal.role === 'supervisor' && channel !== 'province') {
    throw new DomainError(
      'FORBIDDEN',
      'Supervisors see the provincial pushes only: ask for channel=province',
    );
  }
}

@BearerController('outbox', 'outbox')
@Roles('admin', 'supervisor')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({
    summary:
      'Delivery state of outgoing messages, newest first (supervisors: channel=province only)',
  })
  @ApiPageResponse(OutboxMessageResponse)
  @ApiErrors(400, 401, 403)
  list(
    @Query() q: OutboxListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<OutboxView>> {
    const supervisor = principal.kind === 'staff' && principal.role === 'supervisor';
    // A supervisor's list is the provincial pushes (asked for or not).
    if (supervisor) requireChannelFor(principal, q.channel ?? 'province');
    return this.outbox.list(supervisor ? { ...q, channel: 'province' } : q);
  }

  @ActionRoute(':id/retry', OutboxMessageResponse, 400, 401, 403, 404, 409)
  @ApiOperation({ summary: 'Queue a failed or skipped message again (409 for any other)' })
  async retry(
    @Param('id', IdParamPipe) id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OutboxView> {
    requireChannelFor(principal, await this.outbox.channelOf(id));
    return this.outbox.retry(id, principal);
  }
}
