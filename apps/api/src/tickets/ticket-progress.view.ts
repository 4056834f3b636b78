import {
  CITIZEN_STATUS_LABELS,
  CITIZEN_TIMELINE_LABELS,
  isCitizenTimelineType,
  verdictOptions,
  type CitizenTimelineType,
} from '@haochaping/domain';
import type { TicketEvent } from './entities/ticket-event.entity';
import type { Ticket } from './entities/ticket.entity';
import { maskText } from './ticket.view';

export interface TicketProgress {
  ticketNo: string;
  source: Ticket['source'];
  status: Ticket['status'];
  statusLabel: string;
  createdAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  outcome: Ticket['outcome'];
  promisedDate: string | null;
  reply: string | null;
  citizenAccepted: boolean | null;
  canAccept: boolean;
  canRefuse: boolean;
  timeline: { type: CitizenTimelineType; label: string; at: Date }[];
}

/** What the citizen sees of their ticket: a pure mapper, the rules come from libs/domain. */
export function ticketProgressView(ticket: Ticket, events: TicketEvent[]): TicketProgress {
  const timeline: TicketProgress['timeline'] = [];
  for (const e of events) {
    if (isCitizenTimelineType(e.type)) {
      timeline.push({ type: e.type, label: CITIZEN_TIMELINE_LABELS[e.type], at: e.createdAt });
    }
  }
  return {
    ticketNo: ticket.ticketNo,
    source: ticket.source,
    status: ticket.status,
    statusLabel: CITIZEN_STATUS_LABELS[ticket.status],
    createdAt: ticket.createdAt,
    dueAt: ticket.dueAt,
    closedAt: ticket.closedAt,
    outcome: ticket.outcome,
    promisedDate: ticket.promisedDate,
    reply: maskText(ticket.reply),
    citizenAccepted: ticket.citizenAccepted,
    ...verdictOptions(ticket),
    timeline,
  };
}
