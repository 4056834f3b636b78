import type { TicketStatus } from './ticket-state';

/**
 * What the citizen sees of their rectification ticket (整改进度): the status in plain words, the
 * steps of the timeline that concern them, and whether they can still give their verdict on the
 * reply. Internal steps (预警, 超期, the reveal of their phone number, due-date recalculations)
 * and every note written by staff stay on the staff side.
 */

/** Event types shown to the citizen, in the words shown. */
export const CITIZEN_TIMELINE_LABELS = {
  opened: '工单已生成，转交办理部门',
  accept: '部门已受理',
  visit: '部门已回访',
  submit: '部门已提交整改结果',
  approve: '审核通过，整改办结',
  reject: '审核退回，部门继续整改',
  appeal: '部门申请复核',
  uphold_appeal: '复核认定，该评价不计入考核',
  dismiss_appeal: '复核未予支持，部门继续整改',
  citizen_accept: '您已认可处理结果',
  citizen_refuse: '您不认可处理结果，已退回重新办理',
} as const;

export type CitizenTimelineType = keyof typeof CITIZEN_TIMELINE_LABELS;

export function isCitizenTimelineType(type: string): type is CitizenTimelineType {
  return Object.prototype.hasOwnProperty.call(CITIZEN_TIMELINE_LABELS, type);
}

/** The status as the citizen reads it (the staff labels speak of 审核 and 申诉 internally). */
export const CITIZEN_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  open: '待受理',
  in_progress: '整改中',
  submitted: '整改结果审核中',
  closed: '已办结',
  appealed: '复核中',
  voided: '已撤销',
};

export interface VerdictFacts {
  status: TicketStatus;
  citizenAccepted: boolean | null;
  citizenRefusedAt: Date | string | null;
}

/**
 * Whether the citizen may still accept (认可) or refuse (不认可) the reply: only a closed ticket
 * still awaiting their verdict, and a refusal (which reopens the ticket) only once.
 */
export function verdictOptions(t: VerdictFacts): { canAccept: boolean; canRefuse: boolean } {
  const awaiting = t.status === 'closed' && t.citizenAccepted === null;
  return { canAccept: awaiting, canRefuse: awaiting && !t.citizenRefusedAt };
}
