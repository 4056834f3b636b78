import type { LoadTexts } from '../components/LoadState';
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
  urge: '督办',
};

export const SOURCE_LABELS: Record<TicketRow['source'], string> = {
  rating: '差评',
  complaint: '投诉',
};

/**
 * 已超期, or 即将到期 (预警) for a ticket still running: both decided by the server, on the
 * working-day calendar, by the rule of its nearDue filter.
 */
export function dueBadge(t: Pick<TicketRow, 'overdue' | 'dueSoon'>) {
  if (t.overdue) return { text: '已超期', tone: 'overdue' } as const;
  if (t.dueSoon) return { text: '即将到期', tone: 'soon' } as const;
  return null;
}

/**
 * What a staff screen says before its data is there: `errorTitle` when loading failed, 登录已过期
 * when the session ran out, and `invalid` (by default: go back to the workspace) when the API
 * found nothing.
 */
export function staffLoadTexts(errorTitle: string, invalid = '请返回工作台重新进入。'): LoadTexts {
  return { invalid, expiredTitle: '登录已过期', expired: '请重新登录。', errorTitle };
}
