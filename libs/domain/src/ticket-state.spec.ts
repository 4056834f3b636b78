import {
  availableActions,
  canTransition,
  dueSoonUntil,
  isDueSoon,
  isOverdue,
  TICKET_STATUSES,
  TRANSITIONS,
} from './ticket-state';
import { EMPTY_CALENDAR, type WorkingDayCalendar } from './working-days';

describe('ticket state machine', () => {
  it('follows open → in_progress → submitted → closed', () => {
    expect(canTransition('accept', 'open', 'department')).toBe(true);
    expect(canTransition('submit', 'in_progress', 'department')).toBe(true);
    expect(canTransition('approve', 'submitted', 'supervisor')).toBe(true);
  });

  it('lets only the named actor fire an action', () => {
    expect(canTransition('approve', 'submitted', 'department')).toBe(false);
    expect(canTransition('accept', 'open', 'supervisor')).toBe(false);
    expect(canTransition('citizen_refuse', 'closed', 'department')).toBe(false);
  });

  it('allows appeals from open and in_progress only, decided by a supervisor', () => {
    expect(TICKET_STATUSES.filter((s) => canTransition('appeal', s, 'department'))).toEqual([
      'open',
      'in_progress',
    ]);
    expect(TRANSITIONS.uphold_appeal.to).toBe('voided');
    expect(TRANSITIONS.dismiss_appeal.to).toBe('in_progress');
  });

  it('leaves voided tickets with no action for anyone', () => {
    for (const actor of ['department', 'supervisor', 'citizen'] as const) {
      expect(availableActions('voided', actor)).toEqual([]);
    }
  });

  it('offers each actor exactly these actions in each status', () => {
    // Written out by hand from the workflow in the domain brief, not derived from the table.
    const expected: Record<string, Record<'department' | 'supervisor' | 'citizen', string[]>> = {
      open: { department: ['accept', 'appeal'], supervisor: [], citizen: [] },
      in_progress: { department: ['submit', 'appeal'], supervisor: [], citizen: [] },
      submitted: { department: [], supervisor: ['approve', 'reject'], citizen: [] },
      closed: { department: [], supervisor: [], citizen: ['citizen_accept', 'citizen_refuse'] },
      appealed: { department: [], supervisor: ['uphold_appeal', 'dismiss_appeal'], citizen: [] },
      voided: { department: [], supervisor: [], citizen: [] },
    };
    expect(Object.keys(expected).sort()).toEqual([...TICKET_STATUSES].sort());
    for (const status of TICKET_STATUSES) {
      for (const actor of ['department', 'supervisor', 'citizen'] as const) {
        expect({ status, actor, actions: availableActions(status, actor) }).toEqual({
          status,
          actor,
          actions: expected[status][actor],
        });
      }
    }
  });

  it('calls a ticket overdue only while it runs and only after its due instant', () => {
    const due = new Date('2026-12-01T15:59:59.999Z');
    const after = new Date('2026-12-01T16:00:00.000Z');
    for (const status of ['open', 'in_progress', 'submitted', 'appealed'] as const) {
      expect(isOverdue(status, due, after)).toBe(true);
      expect(isOverdue(status, due, due)).toBe(false);
    }
    expect(isOverdue('closed', due, after)).toBe(false);
    expect(isOverdue('voided', due, after)).toBe(false);
  });

  it('calls a running ticket due soon up to the end of the second working day from now', () => {
    // Thursday 2026-11-19 10:00 in China: two working days on are Friday and Monday (weekend off).
    const now = new Date('2026-11-19T02:00:00.000Z');
    const until = dueSoonUntil(now, EMPTY_CALENDAR);
    expect(until.toISOString()).toBe('2026-11-23T15:59:59.999Z');
    expect(isDueSoon('open', until, now, EMPTY_CALENDAR)).toBe(true);
    expect(isDueSoon('appealed', now, now, EMPTY_CALENDAR)).toBe(true);
    expect(isDueSoon('open', until.getTime() + 1, now, EMPTY_CALENDAR)).toBe(false);
    // Overdue is not "due soon", nor is a finished ticket.
    expect(isDueSoon('open', now.getTime() - 1, now, EMPTY_CALENDAR)).toBe(false);
    expect(isDueSoon('closed', until, now, EMPTY_CALENDAR)).toBe(false);
    expect(isDueSoon('voided', until, now, EMPTY_CALENDAR)).toBe(false);
  });

  it('counts working days of the calendar: a make-up Saturday counts, a holiday does not', () => {
    const now = new Date('2026-11-19T02:00:00.000Z');
    const calendar: WorkingDayCalendar = {
      holidays: new Set(['2026-11-20']),
      workdays: new Set(['2026-11-21']),
      coveredYears: new Set([2026]),
    };
    expect(dueSoonUntil(now, calendar).toISOString()).toBe('2026-11-23T15:59:59.999Z');
    const makeUp: WorkingDayCalendar = { ...calendar, holidays: new Set() };
    expect(dueSoonUntil(now, makeUp).toISOString()).toBe('2026-11-21T15:59:59.999Z');
  });
});
