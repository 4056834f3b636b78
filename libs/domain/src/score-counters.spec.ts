import { emptyCounts } from './scores';
import {
  COUNTERS,
  counterDifference,
  countersOf,
  countsFromCounters,
  countsFromCounterValues,
  ratingContribution,
  sumCounters,
  ticketContribution,
  type TicketFacts,
} from './score-counters';

const open: TicketFacts = {
  voided: false,
  realNameBad: true,
  closed: false,
  closedOnTime: false,
  overdueFlagged: false,
  visited: false,
};

describe('score counters', () => {
  it('turns flat counters into unit counts and back without loss', () => {
    const values = Object.fromEntries(COUNTERS.map((c, i) => [c, i + 1])) as Record<
      (typeof COUNTERS)[number],
      number
    >;
    const counts = countsFromCounters(values);
    expect(counts.levels).toEqual({ '1': 4, '2': 5, '3': 6, '4': 7, '5': 8 });
    expect(counts.channels.window_qr).toBe(9);
    expect(counts.channels.hotline).toBe(14);
    expect(countersOf(counts)).toEqual(values);
  });

  it('reads counts from the counters in the order of COUNTERS, keys in the order of emptyCounts', () => {
    const values = COUNTERS.map((_, i) => i + 1);
    const counts = countsFromCounterValues(values);
    expect(countersOf(counts)).toEqual(Object.fromEntries(COUNTERS.map((c, i) => [c, i + 1])));
    // The answers' JSON lists levels and channels in one order, whichever way counts were made.
    const keys = (c: object): unknown =>
      JSON.parse(JSON.stringify(c, (_k, v: unknown) => (typeof v === 'number' ? 0 : v)));
    expect(JSON.stringify(keys(counts))).toBe(JSON.stringify(keys(emptyCounts())));
  });

  it('counts a rating where it was given and where its transaction finished; a void moves it', () => {
    const valid = ratingContribution({ level: 2, channel: 'sms', voided: false, isDefault: false });
    expect(valid).toEqual({ given: { ratings: 1, level2: 1, chSms: 1 }, finished: { rated: 1 } });
    const voided = ratingContribution({ level: 2, channel: 'sms', voided: true, isDefault: false });
    expect(counterDifference(voided.given, valid.given)).toEqual({
      ratings: -1,
      level2: -1,
      chSms: -1,
      voided: 1,
    });
    expect(counterDifference(voided.finished, valid.finished)).toEqual({ rated: -1 });
    expect(
      ratingContribution({ level: 3, channel: 'default', voided: false, isDefault: true }),
    ).toEqual({ given: {}, finished: { defaultRated: 1 } });
  });

  it('counts a ticket as due once closed or flagged overdue, never twice', () => {
    const flagged = { ...open, overdueFlagged: true };
    expect(counterDifference(ticketContribution(flagged), ticketContribution(open))).toEqual({
      ticketsDue: 1,
    });
    const closedLate = { ...flagged, closed: true, closedOnTime: false };
    expect(counterDifference(ticketContribution(closedLate), ticketContribution(flagged))).toEqual({
      ticketsClosed: 1,
    });
    const closedOnTime = { ...open, closed: true, closedOnTime: true };
    expect(counterDifference(ticketContribution(closedOnTime), ticketContribution(open))).toEqual({
      ticketsClosed: 1,
      ticketsClosedOnTime: 1,
      ticketsDue: 1,
    });
  });

  it('takes everything a ticket counted away when its appeal is upheld', () => {
    const visited = { ...open, visited: true, overdueFlagged: true };
    expect(
      counterDifference(
        ticketContribution({ ...visited, voided: true }),
        ticketContribution(visited),
      ),
    ).toEqual({ tickets: -1, ticketsDue: -1, realNameBad: -1, realNameBadVisited: -1 });
    // A complaint is no real-name bad rating: no return-visit counters.
    expect(ticketContribution({ ...open, realNameBad: false, visited: true })).toMatchObject({
      realNameBad: 0,
      realNameBadVisited: 0,
    });
  });

  it('adds deltas up', () => {
    expect(sumCounters({ tickets: 1 }, { tickets: 1, voided: 1 }, {})).toEqual({
      tickets: 2,
      voided: 1,
    });
  });
});
