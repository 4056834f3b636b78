import type { TicketDetail, TicketRow } from '../services/staff-api';

/** How each event of a ticket's timeline reads. */
export const EVENT_LABELS: Record<TicketDetail['events'][number]['type'], string> = {
  opened: '生成工单',
  accept: '受理',
  visit: '回访',
  submit: '提交整改结果',
  approve: '审核通过',
  reject: '退回整改',
  appeal: '申诉',
  uphold_appeal: '申诉成立',
  dismiss_appeal: '驳回申诉',
  citizen_accept: '群众认可',
  citizen_refuse: '群众不认可',
  due_soon: '即将到期预警',
  overdue: '已超期',
  due_changed: '办理期限调整',
  contact_revealed: '查看联系电话',
};

export const SOURCE_LABELS: Record<TicketRow['source'], string> = {
  rating: '差评',
  complaint: '投诉',
};

const DAY_MS = 86_400_000;

/** 已超期, or 即将到期 within two days, for a ticket still running. */
export function dueBadge(t: Pick<TicketRow, 'overdue' | 'dueAt' | 'status'>, now: number) {
  if (t.overdue) return { text: '已超期', tone: 'overdue' } as const;
  const running = t.status !== 'closed' && t.status !== 'voided';
  if (running && new Date(t.dueAt).getTime() - now < 2 * DAY_MS)
    return { text: '即将到期', tone: 'soon' } as const;
  return null;
}
