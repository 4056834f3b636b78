import { NOTICE_KINDS } from '@haochaping/domain';
import { Bool, DateTime, Int, Nested, Str } from '../../common/response-types';

export class NoticeResponse {
  @Int() id!: number;
  @Str({ enum: NOTICE_KINDS }) kind!: string;
  @Int({}, true) ticketId!: number | null;
  @Str({ example: 'ZG20261127-0A1B2C3D' }, true) ticketNo!: string | null;
  @Str({ example: '新工单待受理：差评（1星）' }) title!: string;
  @DateTime() createdAt!: string;
  @Bool() read!: boolean;
}

export class NoticeListResponse {
  @Nested(() => NoticeResponse, { isArray: true }) items!: NoticeResponse[];
  @Int({ description: 'Notices matching the filter (the unread badge: ?unread=true)' })
  total!: number;
}

export class NoticesReadResponse {
  @Int({ description: 'Notices newly marked read' }) updated!: number;
}
