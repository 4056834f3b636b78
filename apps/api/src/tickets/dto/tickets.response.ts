import { ApiProperty } from '@nestjs/swagger';
import {
  OUTCOMES,
  RATING_LEVELS,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  VISIT_METHODS,
} from '@haochaping/domain';
import { TICKET_EVENT_TYPES } from '../entities/ticket-event.entity';
import { Bool, DateTime, Int, IntArray, Nested, Str, StrArray } from '../../common/response-types';

const LEVELS = [...RATING_LEVELS];
const EVENT_TYPES = [...TICKET_EVENT_TYPES];

export class TicketResponse {
  @Int() id!: number;
  @Str({ example: 'ZG20261127-0A1B2C3D' }) ticketNo!: string;
  @Str({ enum: ['rating', 'complaint'] }) source!: string;
  @Str({ enum: TICKET_STATUSES }) status!: string;
  @Int() departmentId!: number;
  @Int() windowId!: number;
  @Int() staffId!: number;
  @Int({ enum: LEVELS }, true) level!: number | null;
  @Bool({ description: 'The citizen left a phone number (a return visit is required)' })
  realName!: boolean;
  @DateTime() dueAt!: string;
  @Bool({ description: "The due date counts days of a year whose calendar isn't published" })
  dueProvisional!: boolean;
  @DateTime() firstContactDueAt!: string;
  @Bool() overdue!: boolean;
  @Bool({
    description:
      'Still running, not overdue, and due by the end of the 预警 window (the nearDue filter)',
  })
  dueSoon!: boolean;
  @Str({ enum: OUTCOMES }, true) outcome!: string | null;
  @Str({ example: '2026-12-15' }, true) promisedDate!: string | null;
  @Str({}, true) reply!: string | null;
  @Bool({}, true) citizenAccepted!: boolean | null;
  @Int({ description: '督办: how often a supervisor urged the department (督办 ×N)' })
  urgeCount!: number;
  @DateTime() createdAt!: string;
  @DateTime({}, true) closedAt!: string | null;
}

export class TicketVisitResponse {
  @Int() id!: number;
  @Int() ticketId!: number;
  @Str({ enum: VISIT_METHODS }) method!: string;
  @DateTime() visitedAt!: string;
  @Str() result!: string;
  @Str({}, true) note!: string | null;
  @Int() userId!: number;
  @DateTime() createdAt!: string;
}

export class TicketTransactionResponse {
  @Str() transactionNo!: string;
  @Str({}, true) serviceItemName!: string | null;
  @DateTime() finishedAt!: string;
}

export class TicketStaffResponse {
  @Str() staffNo!: string;
  @Str() name!: string;
}

export class TicketRatingResponse {
  @Int() id!: number;
  @Int({ enum: LEVELS }) level!: number;
  @StrArray() tags!: string[];
  @Str({}, true) comment!: string | null;
  @Bool() anonymous!: boolean;
  @Str({ description: 'Masked' }, true) contactPhone!: string | null;
  @IntArray() attachmentIds!: number[];
  @Bool() voided!: boolean;
  @DateTime() createdAt!: string;
}

export class TicketComplaintResponse {
  @Int() id!: number;
  @Str() content!: string;
  @Str({ description: 'Masked' }, true) contactPhone!: string | null;
  @IntArray() attachmentIds!: number[];
  @DateTime() createdAt!: string;
}

export class TicketEventResponse {
  @Int() id!: number;
  @Str({ enum: EVENT_TYPES }) type!: string;
  @Str({}, true) fromStatus!: string | null;
  @Str({}, true) toStatus!: string | null;
  @Str({ example: 'department' }) actorType!: string;
  @Int({ description: 'null for the citizen and the system' }, true) actorId!: number | null;
  @Str({}, true) note!: string | null;
  @IntArray() attachmentIds!: number[];
  @DateTime() createdAt!: string;
}

export class TicketAppealResponse {
  @Int() id!: number;
  @Int() ticketId!: number;
  @Str() reason!: string;
  @IntArray() attachmentIds!: number[];
  @Int() createdBy!: number;
  @DateTime() createdAt!: string;
  @Str({ enum: ['upheld', 'dismissed'] }, true) decision!: string | null;
  @Str({}, true) decisionNote!: string | null;
  @Int({}, true) decidedBy!: number | null;
  @DateTime({}, true) decidedAt!: string | null;
}

export class TicketDetailResponse extends TicketResponse {
  @ApiProperty({ enum: [...TICKET_ACTIONS], isArray: true })
  availableActions!: string[];
  @Nested(() => TicketTransactionResponse, { nullable: true })
  transaction!: TicketTransactionResponse | null;
  @Str({}, true) departmentName!: string | null;
  @Str({}, true) windowName!: string | null;
  @Nested(() => TicketStaffResponse, { nullable: true }) staff!: TicketStaffResponse | null;
  @Nested(() => TicketRatingResponse, { nullable: true }) rating!: TicketRatingResponse | null;
  @Nested(() => TicketComplaintResponse, { nullable: true })
  complaint!: TicketComplaintResponse | null;
  @Nested(() => TicketEventResponse, { isArray: true }) events!: TicketEventResponse[];
  @Nested(() => TicketVisitResponse, { isArray: true }) visits!: TicketVisitResponse[];
  @Nested(() => TicketAppealResponse, { nullable: true }) appeal!: TicketAppealResponse | null;
}

export class ContactResponse {
  @Str({ description: 'The full phone number, for a call-back (audited)' }, true)
  phone!: string | null;
}
