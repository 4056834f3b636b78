import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { invalidField } from '../common/domain-error';
import { CalendarService, type CalendarDayView } from './calendar.service';
import { SetCalendarDayDto } from './dto/calendar.dto';

function checkDate(date: string): string {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!valid) throw invalidField('date', 'date must be a calendar date YYYY-MM-DD');
  return date;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':date')
  @Roles('admin', 'supervisor', 'department')
  get(@Param('date') date: string): Promise<CalendarDayView> {
    return this.calendar.day(checkDate(date));
  }

  @Put(':date')
  @Roles('admin')
  set(
    @Param('date') date: string,
    @Body() body: SetCalendarDayDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CalendarDayView> {
    const userId = principal.kind === 'staff' ? principal.userId : null;
    return this.calendar.set(checkDate(date), body.type, body.name, userId);
  }
}
