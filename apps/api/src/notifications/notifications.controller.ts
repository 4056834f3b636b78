import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@haochaping/domain';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/api-docs';
import { MarkNoticesReadDto, NoticeListQuery } from './dto/notifications.dto';
import { NoticeListResponse, NoticesReadResponse } from './dto/notifications.response';
import { StaffNoticesService } from './staff-notices.service';

const userOf = (p: Principal): number => (p.kind === 'staff' ? p.userId : 0);

@ApiTags('notifications')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notices: StaffNoticesService) {}

  @Get()
  @ApiOperation({ summary: "The signed-in staff member's to-do notices, newest first" })
  @ApiOkResponse({ type: NoticeListResponse })
  @ApiErrors(400, 401, 403)
  list(@Query() q: NoticeListQuery, @CurrentPrincipal() p: Principal) {
    return this.notices.list(userOf(p), q);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark own notices read (ids of others are ignored)' })
  @ApiOkResponse({ type: NoticesReadResponse })
  @ApiErrors(400, 401, 403)
  read(@Body() body: MarkNoticesReadDto, @CurrentPrincipal() p: Principal) {
    return this.notices.markRead(userOf(p), body.ids);
  }
}
