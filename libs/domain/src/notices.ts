import type { TicketStatus } from './ticket-state';

/**
 * Staff to-do notices (工作台通知) and the delivery states of outgoing messages. The API writes a
 * notice in the same database transaction as the event it reports; the workspace lists them.
 */
export const NOTICE_KINDS = [
  'ticket_opened',
  'result_submitted',
  'appeal_submitted',
  'ticket_due_soon',
  'ticket_overdue',
  'result_rejected',
  'appeal_decided',
  'citizen_refused',
  'ticket_urged',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Short labels of the kinds, as the workspace's notice list shows them. */
export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  ticket_opened: '新工单',
  result_submitted: '待审核',
  appeal_submitted: '申诉待复核',
  ticket_due_soon: '即将到期',
  ticket_overdue: '已超期',
  result_rejected: '退回整改',
  appeal_decided: '申诉结果',
  citizen_refused: '群众不认可',
  ticket_urged: '督办',
};

/**
 * 督办: a supervisor may nudge the department while the department is the one to act (not while
 * the ticket waits for the supervisor's own review, nor once it is over).
 */
export const URGE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress'];

export function canUrge(status: TicketStatus): boolean {
  return URGE_STATUSES.includes(status);
}

/** Delivery state of an outbox message (WeChat subscribe message, and later pushes). */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  pending: '待发送',
  sent: '已发送',
  failed: '失败',
  skipped: '已跳过',
};

/**
 * Outbox channels: `wechat` = subscribe messages to citizens; `province` = pushes to the
 * provincial platform; `sms` = rating invitations by SMS to applicants who did not rate.
 */
export const OUTBOX_CHANNELS = ['wechat', 'province', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const OUTBOX_CHANNEL_LABELS: Readonly<Record<string, string>> = {
  wechat: '微信订阅消息',
  province: '省平台推送',
  sms: '短信评价邀请',
};
