/**
 * SMS rating invitations (短信邀评): one SMS with the rating link to an applicant who has not
 * rated some days after the transaction finished. Pure rules: quiet hours, the text, and the
 * filling of a gateway's body template. The API's job queues them and its sender sends them.
 */

const HOUR_MS = 3_600_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** No SMS from 21:00 to 08:00 China time (UTC+8, no daylight saving). */
export const SMS_QUIET_HOURS = { from: 21, until: 8 } as const;

/** Whether an instant falls in the quiet hours. */
export function inQuietHours(instant: Date): boolean {
  const hour = new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCHours();
  return hour >= SMS_QUIET_HOURS.from || hour < SMS_QUIET_HOURS.until;
}

/**
 * When an SMS due at `instant` may go: the instant itself outside the quiet hours, otherwise the
 * next 08:00 China time.
 */
export function smsSendableAt(instant: Date): Date {
  if (!inQuietHours(instant)) return instant;
  const china = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const eight = Date.UTC(
    china.getUTCFullYear(),
    china.getUTCMonth(),
    china.getUTCDate(),
    SMS_QUIET_HOURS.until,
  );
  // Before 08:00 it is today's 08:00; from 21:00 on, tomorrow's.
  const next = china.getUTCHours() < SMS_QUIET_HOURS.until ? eight : eight + 24 * HOUR_MS;
  return new Date(next - CHINA_OFFSET_MS);
}

/** The rating link of an invitation: the transaction's rating URL, marked as the SMS channel. */
export function smsRatingUrl(ratingUrl: string): string {
  return `${ratingUrl}${ratingUrl.includes('?') ? '&' : '?'}channel=sms`;
}

export interface InvitationFacts {
  transactionNo: string;
  url: string;
}

/** The text of an invitation (for gateways that take the text rather than a template code). */
export function invitationText(f: InvitationFacts): string {
  return `您办理的业务（办件编号 ${f.transactionNo}）已办结，诚邀您对本次服务进行评价：${f.url}`;
}

/** The values a body template may name: {phone} {url} {transactionNo} {text}. */
export interface SmsTemplateValues {
  phone: string;
  url: string;
  transactionNo: string;
  text: string;
}

export const SMS_TEMPLATE_PLACEHOLDERS = ['phone', 'url', 'transactionNo', 'text'] as const;

/**
 * Fills a JSON body template: every string value of the parsed template has its placeholders
 * replaced (so a value never needs escaping and can never break out of its string); keys and
 * other values stay as they are. Throws when the template is not JSON.
 */
export function fillJsonTemplate(template: string, values: SmsTemplateValues): unknown {
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(
        /\{(phone|url|transactionNo|text)\}/g,
        (_, name: keyof SmsTemplateValues) => String(values[name]),
      );
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    }
    return node;
  };
  return fill(JSON.parse(template) as unknown);
}
