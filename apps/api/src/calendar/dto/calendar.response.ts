import { Bool, DateTime, Int, Nested, Str } from '../../common/response-types';

export class CalendarDayResponse {
  @Str({ example: '2026-10-01' }) date!: string;
  @Bool() working!: boolean;
  @Str({ enum: ['holiday', 'workday'] }, true) type!: 'holiday' | 'workday' | null;
  @Str({}, true) name!: string | null;
  @Str({ enum: ['official', 'notice', 'statutory', 'override', 'default'] }) source!: string;
  @Bool({ description: "Whether the year's calendar is known; if not, due dates are provisional" })
  covered!: boolean;
}

export class NoticeDayResponse {
  @Str({ example: '2026-10-01' }) date!: string;
  @Str() name!: string;
}

export class CalendarYearResponse {
  @Int() year!: number;
  @Bool() covered!: boolean;
  @Str({ enum: ['official', 'notice', 'statutory'] }) source!: string;
  @Str({}, true) title!: string | null;
  @Nested(() => NoticeDayResponse, { isArray: true }) holidays!: NoticeDayResponse[];
  @Nested(() => NoticeDayResponse, { isArray: true }) workdays!: NoticeDayResponse[];
  @DateTime({}, true) updatedAt!: string | null;
}
