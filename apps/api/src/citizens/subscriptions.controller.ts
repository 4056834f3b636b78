import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CitizenOnly, CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/api-docs';
import { SubscriptionDto } from './dto/subscription.dto';
import { SubscriptionResponse } from './dto/subscription.response';
import { SubscriptionsService, type SubscriptionView } from './subscriptions.service';
import { BearerController } from '../common/routes';

@BearerController('citizen', 'me/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @CitizenOnly()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the answer to requestSubscribeMessage (ticket progress); each accept allows one message',
  })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiErrors(400, 401, 403, 404)
  record(
    @Body() body: SubscriptionDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<SubscriptionView> {
    return this.subscriptions.record(p.kind === 'citizen' ? p.citizenId : 0, body);
  }
}
