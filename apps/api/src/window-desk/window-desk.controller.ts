import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Page } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors, ApiPageResponse } from '../common/api-docs';
import { IdParamPipe } from '../common/id-param.pipe';
import { WindowTransactionsQuery } from './dto/window-desk.dto';
import { KioskResponse, WindowTransactionResponse } from './dto/window-desk.response';
import {
  WindowDeskService,
  type KioskView,
  type WindowTransactionView,
} from './window-desk.service';
import { BearerController } from '../common/routes';

@BearerController('transactions', 'windows')
export class KioskController {
  constructor(private readonly desk: WindowDeskService) {}

  @Get(':id/kiosk')
  @Roles('window', 'supervisor', 'admin')
  @ApiOperation({
    summary: "A window kiosk's (评价器) state: the transaction to rate now and the last rated one",
    description:
      'Polled every few seconds by the kiosk beside the window. A window clerk reads its own ' +
      "window's only (another window: 404); supervisors and admins any window.",
  })
  @ApiOkResponse({ type: KioskResponse })
  @ApiErrors(400, 401, 403, 404)
  kiosk(
    @Param('id', IdParamPipe) id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KioskView> {
    return this.desk.kiosk(id, principal);
  }
}

/** GET /api/transactions beside the registration (transactions/): it needs the ratings too. */
@BearerController('transactions', 'transactions')
export class WindowTransactionsController {
  constructor(private readonly desk: WindowDeskService) {}

  @Get()
  @Roles('window', 'supervisor', 'admin')
  @ApiOperation({
    summary: "A window's recent transactions, newest registered first, rated or not",
    description:
      "A window clerk gets its own window's (windowId left out or its own; another: 404); " +
      'supervisors and admins any window, or all without windowId. Never a level or a rater.',
  })
  @ApiPageResponse(WindowTransactionResponse)
  @ApiErrors(400, 401, 403, 404)
  list(
    @Query() q: WindowTransactionsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<WindowTransactionView>> {
    return this.desk.list(q, principal);
  }
}
