import type { Channel, RatingChannel } from './rating-options';
import type { UnitCounts } from './scores';

/*
 * The score counters, described once. Each unit (department, window, staff member) has one row of
 * these counters per month. What a transaction, a rating or a ticket adds to them is its
 * *contribution*, a pure function of its current facts; a change (a rating voided, a ticket closed)
 * adds the difference between its contribution after and before. The incremental rollups and the
 * rebuild from raw rows both use these functions, so they cannot disagree on a rule.
 */

export const UNIT_TYPES = ['department', 'window', 'staff'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The units a transaction, rating or ticket counts for. */
export interface UnitIds {
  departmentId: number;
  windowId: number;
  staffId: number;
}

export const UNIT_ID_KEY: Readonly<Record<UnitType, keyof UnitIds>> = {
  department: 'departmentId',
  window: 'windowId',
  staff: 'staffId',
};

export const COUNTERS = [
  'finished',
  'rated',
  'ratings',
  'level1',
  'level2',
  'level3',
  'level4',
  'level5',
  'chWindowQr',
  'chMiniapp',
  'chTablet',
  'chWeb',
  'chSms',
  'chHotline',
  'voided',
  'tickets',
  'ticketsClosed',
  'ticketsClosedOnTime',
  'ticketsDue',
  'realNameBad',
  'realNameBadVisited',
  'defaultRated',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type CounterDelta = Partial<Record<Counter, number>>;

const LEVEL_COUNTER = {
  '1': 'level1',
  '2': 'level2',
  '3': 'level3',
  '4': 'level4',
  '5': 'level5',
} as const satisfies Record<keyof UnitCounts['levels'], Counter>;

export const CHANNEL_COUNTER = {
  window_qr: 'chWindowQr',
  miniapp: 'chMiniapp',
  tablet: 'chTablet',
  web: 'chWeb',
  sms: 'chSms',
  hotline: 'chHotline',
} as const satisfies Record<Channel, Counter>;

/** The counters that UnitCounts keeps as plain numbers under the same name. */
const PLAIN = [
  'finished',
  'rated',
  'ratings',
  'voided',
  'tickets',
  'ticketsClosed',
  'ticketsClosedOnTime',
  'ticketsDue',
  'realNameBad',
  'realNameBadVisited',
  'defaultRated',
] as const satisfies readonly (Counter & keyof UnitCounts)[];

/** A unit's counts from its flat counters (a rollup row). */
export function countsFromCounters(values: Record<Counter, number>): UnitCounts {
  return countsFromCounterValues(COUNTERS.map((c) => values[c]));
}

/** Each counter's place in COUNTERS (and in a unit's counter values). */
export const COUNTER_INDEX = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<
  Counter,
  number
>;
const AT = COUNTER_INDEX;

/**
 * Unit counts from the counters' values in the order of COUNTERS (as a rollup row read as one
 * array gives them). Written out as one literal: a month's 6,000 staff go through here on every
 * recomputation, and the generic loops over the level and channel tables cost several times more.
 * The channels keep the order of CHANNELS, as emptyCounts() has them.
 */
export function countsFromCounterValues(v: ArrayLike<number>): UnitCounts {
  return {
    finished: v[AT.finished],
    rated: v[AT.rated],
    ratings: v[AT.ratings],
    levels: {
      '1': v[AT.level1],
      '2': v[AT.level2],
      '3': v[AT.level3],
      '4': v[AT.level4],
      '5': v[AT.level5],
    },
    channels: {
      window_qr: v[AT.chWindowQr],
      miniapp: v[AT.chMiniapp],
      tablet: v[AT.chTablet],
      web: v[AT.chWeb],
      sms: v[AT.chSms],
      hotline: v[AT.chHotline],
    },
    voided: v[AT.voided],
    tickets: v[AT.tickets],
    ticketsClosed: v[AT.ticketsClosed],
    ticketsClosedOnTime: v[AT.ticketsClosedOnTime],
    ticketsDue: v[AT.ticketsDue],
    realNameBad: v[AT.realNameBad],
    realNameBadVisited: v[AT.realNameBadVisited],
    defaultRated: v[AT.defaultRated],
  };
}

/** The flat counters of a unit's counts: the inverse of countsFromCounters. */
export function countersOf(c: UnitCounts): Record<Counter, number> {
  const values = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Record<Counter, number>;
  for (const k of PLAIN) values[k] = c[k];
  for (const [level, counter] of Object.entries(LEVEL_COUNTER))
    values[counter] = c.levels[level as keyof typeof LEVEL_COUNTER];
  for (const [channel, counter] of Object.entries(CHANNEL_COUNTER))
    values[counter] = c.channels[channel as Channel];
  return values;
}

/** The sum of several deltas. */
export function sumCounters(...deltas: CounterDelta[]): CounterDelta {
  const out: CounterDelta = {};
  for (const d of deltas)
    for (const [k, n] of Object.entries(d) as [Counter, number][]) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** after − before, without the counters that did not move. */
export function counterDifference(after: CounterDelta, before: CounterDelta): CounterDelta {
  const out: CounterDelta = {};
  for (const k of COUNTERS) {
    const n = (after[k] ?? 0) - (before[k] ?? 0);
    if (n !== 0) out[k] = n;
  }
  return out;
}

/** A registered transaction, in the month it finished. */
export const TRANSACTION_CONTRIBUTION: CounterDelta = { finished: 1 };

export interface RatingFacts {
  level: number;
  channel: RatingChannel;
  voided: boolean;
  isDefault: boolean;
}

/**
 * A rating: to the month it was given (its level and channel, or `voided` once an appeal is
 * upheld) and to the month its transaction finished (`rated`, for the rating rate). A default
 * rating (默认评价) is in no rate: it counts only as `defaultRated`, beside `rated`, in the month
 * its transaction finished (so 主动评价率 = rated ÷ finished stays the people's ratings only).
 */
export function ratingContribution(r: RatingFacts): {
  given: CounterDelta;
  finished: CounterDelta;
} {
  if (r.isDefault || r.channel === 'default') return { given: {}, finished: { defaultRated: 1 } };
  if (r.voided) return { given: { voided: 1 }, finished: {} };
  return {
    given: {
      ratings: 1,
      [LEVEL_COUNTER[String(r.level) as keyof typeof LEVEL_COUNTER]]: 1,
      [CHANNEL_COUNTER[r.channel]]: 1,
    },
    finished: { rated: 1 },
  };
}

export interface TicketFacts {
  /** Voided tickets (an upheld appeal) count nowhere. */
  voided: boolean;
  /** Opened by a real-name bad rating (not a complaint): needs a return visit. */
  realNameBad: boolean;
  closed: boolean;
  /** Closed by its due date. */
  closedOnTime: boolean;
  /** Flagged overdue by the scan (while still running). */
  overdueFlagged: boolean;
  /** A return visit has been recorded. */
  visited: boolean;
}

/**
 * A ticket, to the month it was opened. It is due (the on-time rate's denominator) once closed
 * or once the scan flagged it overdue.
 */
export function ticketContribution(t: TicketFacts): CounterDelta {
  if (t.voided) return {};
  return {
    tickets: 1,
    ticketsClosed: t.closed ? 1 : 0,
    ticketsClosedOnTime: t.closed && t.closedOnTime ? 1 : 0,
    ticketsDue: t.closed || t.overdueFlagged ? 1 : 0,
    realNameBad: t.realNameBad ? 1 : 0,
    realNameBadVisited: t.realNameBad && t.visited ? 1 : 0,
  };
}
