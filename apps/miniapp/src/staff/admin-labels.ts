import {
  maskPersonalData,
  ROLE_LABELS,
  TRANSITIONS,
  isRole,
  type TicketAction,
} from '@haochaping/domain';
import type { AuditEntry, CalendarDay, ScoreWeights } from '../services/admin-api';

/** The composite score's weights, by the rate each one weighs. */
export const WEIGHT_LABELS: Record<keyof ScoreWeights, string> = {
  goodRate: '好评率',
  ratingRate: '评价率',
  rectificationRate: '整改率',
  onTimeRate: '按时整改率',
  visitRate: '回访率',
};

export const DAY_TYPE_LABELS: Record<'holiday' | 'workday', string> = {
  holiday: '节假日（休息）',
  workday: '调休上班',
};

/** Where a day's status comes from. */
export const DAY_SOURCE_LABELS: Record<CalendarDay['source'], string> = {
  official: '国家公布的日历',
  notice: '管理员录入的年度通知',
  statutory: '法定节日推算（未公布）',
  override: '管理员单日调整',
  default: '按周末规则',
};

/** The audit trail's entity names (`entity` of an entry). */
export const ENTITY_LABELS: Record<string, string> = {
  department: '部门',
  window: '窗口',
  staff: '工作人员',
  service_item: '办理事项',
  user: '系统用户',
  api_key: '接口密钥',
  settings: '系统设置',
  calendar: '工作日历',
  ticket: '整改工单',
  rating: '评价',
  scores: '月度成绩',
};

const VERBS: Record<string, string> = {
  create: '新增',
  update: '修改',
  revoke: '吊销',
  set: '调整',
  notice: '录入年度通知',
  freeze: '发布',
  visit: '记录回访',
  contact_revealed: '查看联系电话',
  void: '作废',
};

/** 新增部门, 停用系统用户, 工单 受理 … — an entry's action in words. */
export function actionLabel(entry: Pick<AuditEntry, 'action' | 'entity' | 'before' | 'after'>) {
  const [, verb = ''] = entry.action.split('.');
  const what = ENTITY_LABELS[entry.entity] ?? entry.entity;
  if (entry.entity === 'ticket' && verb in TRANSITIONS) {
    return `工单${TRANSITIONS[verb as TicketAction].label}`;
  }
  if (entry.entity === 'user' && verb === 'update') {
    const was = entry.before?.enabled;
    const now = entry.after?.enabled;
    if (was === true && now === false) return '停用系统用户';
    if (was === false && now === true) return '启用系统用户';
  }
  if (entry.entity === 'calendar' && verb === 'set') return '调整单日日历';
  if (entry.entity === 'calendar' && verb === 'notice') return '录入年度节假日通知';
  const done = VERBS[verb];
  return done ? `${done}${what}` : entry.action;
}

/** Field names as an administrator knows them. */
const FIELD_LABELS: Record<string, string> = {
  code: '编码',
  name: '名称',
  staffNo: '工号',
  departmentId: '部门',
  windowId: '窗口',
  category: '类别',
  username: '用户名',
  role: '角色',
  enabled: '状态',
  passwordChanged: '密码',
  keyPrefix: '密钥前缀',
  type: '类型',
  title: '通知标题',
  holidays: '休息日',
  workdays: '调休上班日',
  ratingWindowDays: '评价期限',
  followUpDays: '追评期限',
  ticketDueWorkingDays: '整改期限',
  firstContactWorkingDays: '首次联系期限',
  minimumSample: '最低样本量',
  scoreWeights: '得分权重',
  levelTags: '评价选项',
  month: '月份',
  note: '说明',
  status: '状态',
};

/** Fields an entry carries that say nothing to a reader. */
const SKIPPED = new Set(['id', 'createdAt', 'updatedAt', 'working', 'source', 'covered', 'date']);

/** Names for ids an entry carries (departments the screen knows); the id itself otherwise. */
export interface AuditNames {
  department?: (id: number) => string | undefined;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function valueText(key: string, value: unknown, names: AuditNames): string {
  if (isEmpty(value)) return '空';
  if (key === 'enabled') return value ? '启用' : '停用';
  if (key === 'passwordChanged') return '已重置';
  if (key === 'role' && isRole(value)) return ROLE_LABELS[value];
  if (key === 'departmentId' && typeof value === 'number') {
    return names.department?.(value) ?? `#${value}`;
  }
  if (key === 'windowId' && typeof value === 'number') return `#${value}`;
  if (key === 'type' && (value === 'holiday' || value === 'workday')) {
    return DAY_TYPE_LABELS[value];
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length ? value.join('、') : '无';
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** The label of a field inside a nested setting: a weight, or one level's option tags. */
function nestedLabel(key: string, sub: string): string {
  if (key === 'scoreWeights' && sub in WEIGHT_LABELS) {
    return `${WEIGHT_LABELS[sub as keyof ScoreWeights]}权重`;
  }
  if (key === 'levelTags') return `评价选项（${sub} 星）`;
  return `${FIELD_LABELS[key] ?? key}.${sub}`;
}

function pushChange(
  lines: string[],
  label: string,
  key: string,
  had: boolean,
  before: unknown,
  after: unknown,
  names: AuditNames,
) {
  const next = valueText(key, after, names);
  if (had) {
    const prev = valueText(key, before, names);
    if (prev !== next) lines.push(`${label}：${prev} → ${next}`);
  } else if (!isEmpty(after)) {
    lines.push(`${label}：${next}`);
  }
}

/**
 * What an entry changed, one line per field: `名称：旧 → 新` for an update, `名称：值` for a new
 * record (empty fields left out); a setting's weights and option tags one line each. Every phone
 * or ID number anywhere in it is masked, nested values included.
 */
export function changeLines(
  entry: Pick<AuditEntry, 'before' | 'after'>,
  names: AuditNames = {},
): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const lines: string[] = [];
  for (const key of Object.keys(after).filter((k) => !SKIPPED.has(k))) {
    const value = after[key];
    const was = before[key];
    if (isRecord(value)) {
      for (const sub of Object.keys(value)) {
        const had = isRecord(was) && sub in was;
        pushChange(
          lines,
          nestedLabel(key, sub),
          sub,
          had,
          had ? was[sub] : null,
          value[sub],
          names,
        );
      }
      continue;
    }
    pushChange(lines, FIELD_LABELS[key] ?? key, key, key in before, was, value, names);
  }
  return lines.map(maskPersonalData);
}

/** Who did it: the account's name, or what kind of actor it was. */
export function actorLabel(entry: Pick<AuditEntry, 'actorType' | 'actorName' | 'actorId'>) {
  const kind =
    entry.actorType === 'user'
      ? '用户'
      : entry.actorType === 'apiKey'
        ? '接口密钥'
        : entry.actorType === 'citizen'
          ? '群众'
          : '系统';
  if (entry.actorName) return maskPersonalData(`${entry.actorName}（${kind}）`);
  return entry.actorId ? `${kind} #${entry.actorId}` : kind;
}

/** Departments or windows as the options of a choice: 名称（编码）, by id. */
export function codedOptions(
  items: readonly { id: number; name: string; code: string }[],
): { value: string; text: string }[] {
  return items.map((d) => ({ value: String(d.id), text: `${d.name}（${d.code}）` }));
}
