import { maskPersonalData } from './masking';
import type { RatingLevel } from './levels';
import type { ApplicantType, Channel, LevelOptions } from './rating-options';

/**
 * The evaluation record of the provincial 好差评 platform (field names shared by the vendors'
 * gateways: Epoint's Shandong and Zhejiang, deyatech), and the rectification result. Pure
 * mapping: the API's province sender loads the rows and the settings and sends what this returns.
 */

/** `pf`: the channel of a rating as the platform codes it (a setting: provinces differ). */
export type ProvinceChannelCodes = Record<Channel | 'default', number>;

/**
 * 1 PC, 2 移动端, 3 二维码, 4 政务大厅平板电脑, 5 其他终端, 6 短信, 7 系统默认评价 — the common
 * table; some provinces swap 6 and 7.
 */
export const DEFAULT_PROVINCE_CHANNEL_CODES: ProvinceChannelCodes = {
  web: 1,
  miniapp: 2,
  window_qr: 3,
  tablet: 4,
  hotline: 5,
  sms: 6,
  default: 7,
};

/**
 * Which way `satisfaction` counts: 'level' (the gateways': 1 非常不满意 … 5 非常满意, our level)
 * or 'gbt' (GB/T 39046-2020's code table: 1 非常满意 … 5 非常不满意).
 */
export type SatisfactionDirection = 'level' | 'gbt';
export const SATISFACTION_DIRECTIONS = ['level', 'gbt'] as const;

export function satisfactionCode(level: RatingLevel, direction: SatisfactionDirection): number {
  return direction === 'level' ? level : 6 - level;
}

/** The level a `satisfaction` code stands for (the inverse of satisfactionCode). */
export function levelOfSatisfaction(code: number, direction: SatisfactionDirection): RatingLevel {
  return (direction === 'level' ? code : 6 - code) as RatingLevel;
}

/** Option-tag codes per level: `{ "5": { "热情周到": "501" } }`. */
export type TagCodes = Partial<Record<string, Record<string, string>>>;

/**
 * The code of a tag at a level: the configured one, else the level followed by the tag's
 * position in the level's options (501, 502 … for 非常满意; 101 … for 非常不满意), so the first
 * digit is always the level.
 */
export function tagCode(
  level: RatingLevel,
  tag: string,
  options: readonly Pick<LevelOptions, 'level' | 'tags'>[],
  codes: TagCodes,
): string | null {
  const configured = codes[String(level)]?.[tag];
  if (configured) return configured;
  const index = options.find((o) => o.level === level)?.tags.indexOf(tag) ?? -1;
  return index < 0 ? null : `${level}${String(index + 1).padStart(2, '0')}`;
}

/** `yyyy-MM-dd HH:mm:ss` in China time (UTC+8, no daylight saving). */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `userProp`: 1 自然人, 2 法人. */
export const USER_PROP: Readonly<Record<ApplicantType, number>> = { person: 1, legal_entity: 2 };

export interface ProvinceSettings {
  areaCode: string;
  satisfactionDirection: SatisfactionDirection;
  channelCodes: ProvinceChannelCodes;
  tagCodes: TagCodes;
  /** Prefixed to the transaction number where the platform wants one ('' for none). */
  projectNoPrefix: string;
}

export interface EvaluationFacts {
  transactionNo: string;
  applicantType: ApplicantType;
  item: { code: string; nationalCode: string; name: string };
  department: { code: string; name: string; creditCode: string | null };
  level: RatingLevel;
  channel: Channel | 'default';
  tags: string[];
  /** The options of the version the rating was made with. */
  options: readonly Pick<LevelOptions, 'level' | 'tags'>[];
  comment: string | null;
  at: Date;
  /** 1 the rating, 2 its follow-up (追评). */
  assessNumber: 1 | 2;
}

export interface EvaluationRecord {
  projectNo: string;
  taskCode: string;
  taskName: string;
  taskHandleItem: string;
  subMatter: string;
  deptCode?: string;
  deptName: string;
  areaCode?: string;
  proStatus: 3;
  pf: number;
  satisfaction: number;
  evalDetail: string;
  writingEvaluation: string;
  assessTime: string;
  assessNumber: 1 | 2;
  userProp: number;
}

/** One evaluation as the platform takes it. Phone and ID numbers in the comment are masked. */
export function evaluationRecord(f: EvaluationFacts, s: ProvinceSettings): EvaluationRecord {
  const codes = f.tags
    .map((tag) => tagCode(f.level, tag, f.options, s.tagCodes))
    .filter((c): c is string => c !== null);
  return {
    projectNo: `${s.projectNoPrefix}${f.transactionNo}`,
    taskCode: f.item.nationalCode,
    taskName: f.item.name,
    taskHandleItem: f.item.nationalCode,
    subMatter: f.item.code,
    ...(f.department.creditCode ? { deptCode: f.department.creditCode } : {}),
    deptName: f.department.name,
    ...(s.areaCode ? { areaCode: s.areaCode } : {}),
    proStatus: 3,
    pf: s.channelCodes[f.channel],
    satisfaction: satisfactionCode(f.level, s.satisfactionDirection),
    evalDetail: codes.join(','),
    writingEvaluation: f.comment ? maskPersonalData(f.comment) : '',
    assessTime: chinaDateTime(f.at),
    assessNumber: f.assessNumber,
    userProp: USER_PROP[f.applicantType],
  };
}

/** 整改结果 of a closed ticket: what was done, the reply, when, and whether it was called back. */
export interface RectificationFacts {
  transactionNo: string;
  ticketNo: string;
  department: { name: string; creditCode: string | null };
  outcome: string | null;
  reply: string | null;
  closedAt: Date;
  visitedAt: Date | null;
}

export interface RectificationRecord {
  projectNo: string;
  rectifyNo: string;
  deptCode?: string;
  deptName: string;
  areaCode?: string;
  rectifyResult: string;
  rectifyReply: string;
  rectifyTime: string;
  visitStatus: 0 | 1;
  visitTime?: string;
}

export function rectificationRecord(
  f: RectificationFacts,
  s: Pick<ProvinceSettings, 'areaCode' | 'projectNoPrefix'>,
): RectificationRecord {
  return {
    projectNo: `${s.projectNoPrefix}${f.transactionNo}`,
    rectifyNo: f.ticketNo,
    ...(f.department.creditCode ? { deptCode: f.department.creditCode } : {}),
    deptName: f.department.name,
    ...(s.areaCode ? { areaCode: s.areaCode } : {}),
    rectifyResult: f.outcome ?? '',
    rectifyReply: f.reply ? maskPersonalData(f.reply) : '',
    rectifyTime: chinaDateTime(f.closedAt),
    visitStatus: f.visitedAt ? 1 : 0,
    ...(f.visitedAt ? { visitTime: chinaDateTime(f.visitedAt) } : {}),
  };
}

/**
 * Whether the gateway accepted a record: HTTP 2xx and no error flag in the body (`success:
 * false`, or a `code` that is not a success code). A "评价数据不可重复" (already received) answer
 * counts as accepted: `duplicate`.
 */
export type GatewayVerdict = 'sent' | 'duplicate' | 'rejected';
const SUCCESS_CODES = new Set(['0', '00', '000', '0000', '200', 'success', 'ok']);

/**
 * An error flag in a gateway's JSON answer (province and SMS gateways alike): `success: false`,
 * or a `code` that is not a success code.
 */
export function answerFlagsError(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as { success?: unknown; code?: unknown };
  if (b.success === false || b.success === 'false') return true;
  if (b.code === undefined || b.code === null) return false;
  const code = typeof b.code === 'number' || typeof b.code === 'string' ? String(b.code) : '?';
  return !SUCCESS_CODES.has(code.toLowerCase());
}

export function gatewayVerdict(status: number, body: unknown): GatewayVerdict {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  if (/不可重复|重复提交|已存在|duplicate/i.test(text)) return 'duplicate';
  if (status < 200 || status >= 300) return 'rejected';
  return answerFlagsError(body) ? 'rejected' : 'sent';
}
