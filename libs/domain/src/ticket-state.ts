import { addWorkingDays, type WorkingDayCalendar } from './working-days';

/**
 * The rectification ticket (整改工单) workflow as a table: each action names the statuses it may
 * start from, the status it leads to, and who may fire it. The API enforces it (409
 * INVALID_TRANSITION) and the client reuses it to offer only the possible actions.
 */
export const TICKET_STATUSES = [
  'open',
  'in_progress',
  'submitted',
  'closed',
  'appealed',
  'voided',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  open: '待受理',
  in_progress: '整改中',
  submitted: '待审核',
  closed: '已办结',
  appealed: '申诉中',
  voided: '已作废',
};

export type TicketActor = 'department' | 'supervisor' | 'citizen';

export const TICKET_ACTIONS = [
  'accept',
  'submit',
  'approve',
  'reject',
  'appeal',
  'uphold_appeal',
  'dismiss_appeal',
  'citizen_accept',
  'citizen_refuse',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export interface Transition {
  from: readonly TicketStatus[];
  to: TicketStatus;
  by: TicketActor;
  label: string;
}

export const TRANSITIONS: Readonly<Record<TicketAction, Transition>> = {
  accept: { from: ['open'], to: 'in_progress', by: 'department', label: '受理' },
  submit: { from: ['in_progress'], to: 'submitted', by: 'department', label: '提交整改结果' },
  approve: { from: ['submitted'], to: 'closed', by: 'supervisor', label: '审核通过' },
  reject: { from: ['submitted'], to: 'in_progress', by: 'supervisor', label: '退回整改' },
  appeal: { from: ['open', 'in_progress'], to: 'appealed', by: 'department', label: '申诉' },
  uphold_appeal: { from: ['appealed'], to: 'voided', by: 'supervisor', label: '申诉成立' },
  dismiss_appeal: { from: ['appealed'], to: 'in_progress', by: 'supervisor', label: '驳回申诉' },
  // The citizen accepts the reply: the ticket stays closed, with the verdict on record.
  citizen_accept: { from: ['closed'], to: 'closed', by: 'citizen', label: '群众认可' },
  // Once per ticket: the citizen does not accept the reply and the ticket is reopened.
  citizen_refuse: { from: ['closed'], to: 'in_progress', by: 'citizen', label: '群众不认可' },
};

/** Statuses in which a return visit may be recorded. */
export const VISIT_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'submitted'];

/** Statuses whose clock is still running (a ticket in them can become overdue). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = [
  'open',
  'in_progress',
  'submitted',
  'appealed',
];

/**
 * Overdue means: still running and past its due date. The one rule behind the ticket views, the
 * list filter (its SQL form sits beside the list query), the overdue scan and the export ledger.
 */
export function isOverdue(status: TicketStatus, dueAt: Date | number, now: Date | number): boolean {
  return ACTIVE_STATUSES.includes(status) && Number(dueAt) < Number(now);
}

/** 预警: a running ticket due within this many working days is "due soon". */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * The end of the "due soon" window that starts now: the overdue scan's 预警 (due_soon event) and
 * the ticket list's nearDue filter (its SQL form sits beside the list query) both use it.
 */
export function dueSoonUntil(now: Date, calendar: WorkingDayCalendar): Date {
  return addWorkingDays(now, DUE_SOON_WORKING_DAYS, calendar).dueAt;
}

/** Still running, not overdue yet, and due by the end of the "due soon" window. */
export function isDueSoon(
  status: TicketStatus,
  dueAt: Date | number,
  now: Date,
  calendar: WorkingDayCalendar,
): boolean {
  const due = Number(dueAt);
  return (
    ACTIVE_STATUSES.includes(status) &&
    due >= now.getTime() &&
    due <= dueSoonUntil(now, calendar).getTime()
  );
}

export function canTransition(
  action: TicketAction,
  from: TicketStatus,
  actor: TicketActor,
): boolean {
  const t = TRANSITIONS[action];
  return t.by === actor && t.from.includes(from);
}

/** The actions an actor could take on a ticket now — what the client shows as buttons. */
export function availableActions(status: TicketStatus, actor: TicketActor): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => canTransition(a, status, actor));
}

export const VISIT_METHODS = ['phone', 'onsite', 'sms'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const VISIT_METHOD_LABELS: Readonly<Record<VisitMethod, string>> = {
  phone: '电话',
  onsite: '上门',
  sms: '短信',
};

/** 立行立改 / 解释说明 / 限期整改 */
export const OUTCOMES = ['rectified', 'explained', 'scheduled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  rectified: '立行立改',
  explained: '解释说明',
  scheduled: '限期整改',
};
