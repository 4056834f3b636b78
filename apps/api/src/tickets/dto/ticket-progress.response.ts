import {
  CITIZEN_TIMELINE_LABELS,
  OUTCOMES,
  RATING_LEVELS,
  TICKET_STATUSES,
} from '@haochaping/domain';
import { Bool, DateTime, Int, Nested, Str } from '../../common/response-types';

export class TimelineStepResponse {
  @Str({ enum: Object.keys(CITIZEN_TIMELINE_LABELS) }) type!: string;
  @Str({ description: 'The step in the words the citizen reads' }) label!: string;
  @DateTime() at!: string;
}

/**
 * A rectification ticket as its citizen follows it (by the rating token): status, the steps that
 * concern them with their dates, the department's reply, and whether 认可 / 不认可 is open. No
 * staff, no notes, no phone number.
 */
export class TicketProgressResponse {
  @Str() ticketNo!: string;
  @Str({ enum: ['rating', 'complaint'] }) source!: string;
  @Str({ enum: TICKET_STATUSES }) status!: string;
  @Str({ description: 'The status in the words the citizen reads' }) statusLabel!: string;
  @DateTime() createdAt!: string;
  @DateTime() dueAt!: string;
  @DateTime({}, true) closedAt!: string | null;
  @Str({ enum: OUTCOMES }, true) outcome!: string | null;
  @Str({ description: 'YYYY-MM-DD of a scheduled rectification' }, true)
  promisedDate!: string | null;
  @Str({ description: "The department's reply (phone and ID numbers masked)" }, true)
  reply!: string | null;
  @Bool({}, true) citizenAccepted!: boolean | null;
  @Bool({ description: '认可 is open now' }) canAccept!: boolean;
  @Bool({ description: '不认可 is open now (once per ticket; it reopens the ticket)' })
  canRefuse!: boolean;
  @Nested(() => TimelineStepResponse, { isArray: true }) timeline!: TimelineStepResponse[];
}

/** GET /api/rating-forms/:token/progress */
export class RatingProgressResponse {
  @Bool() rated!: boolean;
  @DateTime({ description: 'When the rating was given' }, true) ratedAt!: string | null;
  @Int({ enum: [...RATING_LEVELS] }, true) level!: number | null;
  @Nested(() => TicketProgressResponse, {
    nullable: true,
    description: 'The ticket a bad rating opened',
  })
  ticket!: TicketProgressResponse | null;
  @Nested(() => TicketProgressResponse, {
    nullable: true,
    description: 'The ticket a complaint about this transaction opened',
  })
  complaintTicket!: TicketProgressResponse | null;
}
