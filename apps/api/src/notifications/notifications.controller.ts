import { Body, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ROLES } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/api-docs';
import { MarkNoticesReadDto, NoticeListQuery } from './dto/notifications.dto';
import { NoticeListResponse, NoticesReadResponse } from './dto/notifications.response';
import { StaffNoticesService } from './staff-notices.service';
import { ActionRoute, BearerController } from '../common/routes';

const userOf = (p: Principal): number => (p.kind === 'staff' ? p.userId : 0);

@BearerController('notifications', 'me/notifications')
@Roles(...ROLES)
export class NotificationsController {
  constructor(private readonly notices: StaffNoticesService) {}

  @Get()
  @ApiOperation({ summary: "The signed-in staff member's to-do notices, newest first" })
  @ApiOkResponse({ type: NoticeListResponse })
  @ApiErrors(400, 401, 403)
  list(@Query() q: NoticeListQuery, @CurrentPrincipal() p: Principal) {
    return this.notices.list(userOf(p), q);
  }

  @ActionRoute('read', NoticesReadResponse, 400, 401, 403)
  @ApiOperation({ summary: 'Mark own notices read (ids of others are ignored)' })
  read(@Body() body: MarkNoticesReadDto, @CurrentPrincipal() p: Principal) {
    return this.notices.markRead(userOf(p), body.ids);
  }
}
