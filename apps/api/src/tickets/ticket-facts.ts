import {
  counterDifference,
  ticketContribution,
  type CounterDelta,
  type TicketFacts,
} from '@haochaping/domain';
import type { Ticket } from './entities/ticket.entity';

/** What the score counters need to know of a ticket (`visited` is looked up only where it moves). */
export function ticketFacts(
  t: Pick<Ticket, 'status' | 'source' | 'realName' | 'closedAt' | 'dueAt' | 'overdueMarkedAt'>,
  visited = false,
): TicketFacts {
  return {
    voided: t.status === 'voided',
    realNameBad: t.source === 'rating' && t.realName,
    closed: t.status === 'closed',
    closedOnTime: t.closedAt !== null && t.closedAt.getTime() <= t.dueAt.getTime(),
    overdueFlagged: t.overdueMarkedAt !== null,
    visited,
  };
}

/** What a change of a ticket's facts does to its month's counters: contribution after − before. */
export function ticketCounterChange(
  before: TicketFacts,
  change: Partial<TicketFacts>,
): CounterDelta {
  return counterDifference(
    ticketContribution({ ...before, ...change }),
    ticketContribution(before),
  );
}
