import {
  availableActions,
  canTransition,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TRANSITIONS,
} from './ticket-state';

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

  it('offers each actor exactly the transitions of the table', () => {
    for (const status of TICKET_STATUSES) {
      for (const actor of ['department', 'supervisor', 'citizen'] as const) {
        const expected = TICKET_ACTIONS.filter(
          (a) => TRANSITIONS[a].by === actor && TRANSITIONS[a].from.includes(status),
        );
        expect(availableActions(status, actor)).toEqual(expected);
      }
    }
    expect(availableActions('submitted', 'supervisor')).toEqual(['approve', 'reject']);
  });
});
