import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { isCalendarDate } from '@haochaping/domain';
import { invalidField } from '../common/domain-error';
import { CalendarService, type CalendarDayView, type CalendarYearView } from './calendar.service';
import { SetCalendarDayDto, SetYearNoticeDto } from './dto/calendar.dto';
import { ApiErrors } from '../common/api-docs';
import { CalendarDayResponse, CalendarYearResponse } from './dto/calendar.response';
import { BearerController } from '../common/routes';

function checkDate(date: string): string {
  if (!isCalendarDate(date)) throw invalidField('date', 'date must be a calendar date YYYY-MM-DD');
  return date;
}

function checkYear(year: string): number {
  if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100)
    throw invalidField('year', 'year must be a year from 2000 to 2100');
  return Number(year);
}

const actor = (principal: Principal): number | null =>
  principal.kind === 'staff' ? principal.userId : null;

@BearerController('calendar', 'calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** A whole year: where its calendar comes from, its days off and its 调休 working days. */
  @Get('years/:year')
  @Roles('admin', 'supervisor', 'department')
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiErrors(400, 401, 403)
  year(@Param('year') year: string): Promise<CalendarYearView> {
    return this.calendar.year(checkYear(year));
  }

  /** Enters the year's official notice; the year becomes covered and provisional due dates are recomputed. */
  @Put('years/:year')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiErrors(400, 401, 403)
  setYear(
    @Param('year') year: string,
    @Body() body: SetYearNoticeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CalendarYearView> {
    return this.calendar.setYearNotice(checkYear(year), body, actor(principal));
  }

  @Get(':date')
  @Roles('admin', 'supervisor', 'department')
  @ApiOkResponse({ type: CalendarDayResponse })
  @ApiErrors(400, 401, 403)
  get(@Param('date') date: string): Promise<CalendarDayView> {
    return this.calendar.day(checkDate(date));
  }

  @Put(':date')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarDayResponse })
  @ApiErrors(400, 401, 403)
  set(
    @Param('date') date: string,
    @Body() body: SetCalendarDayDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CalendarDayView> {
    return this.calendar.set(checkDate(date), body.type, body.name, actor(principal));
  }
}
