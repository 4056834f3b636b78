import type { SubscribeTemplateFields } from '../settings/settings.types';

/** What a ticket-progress message says, before it is fitted to the template's keywords. */
export interface ProgressValues {
  ticketNo: string;
  /** 已受理, 已办结, 重新办理 */
  status: string;
  content: string;
  time: Date;
}

export type TemplateData = Record<string, { value: string }>;

const chars = (text: string): string[] => [...text];
const first = (text: string, n: number): string => chars(text).slice(0, n).join('');
/** Cut to n characters, the last one an ellipsis when something was cut. */
const cut = (text: string, n: number): string =>
  chars(text).length > n ? `${first(text, n - 1)}…` : text;

/** 'YYYY-MM-DD HH:mm' in China time, the 24-hour form the time keyword takes. */
export function chinaMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * One value fitted to a keyword by its type (WeChat's limits for subscribe messages): thing ≤ 20
 * characters; phrase ≤ 5 Chinese characters; character_string, number and letter ≤ 32 of their
 * kind; name ≤ 10; phone_number ≤ 17; car_number ≤ 8; symbol ≤ 5; time and date as formatted.
 */
export function fitKeyword(field: string, value: string | Date): string {
  const type = field.replace(/\d+$/, '');
  if (value instanceof Date)
    return type === 'date' ? chinaMinute(value).slice(0, 10) : chinaMinute(value);
  const text = value.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cut(text, 20) || '—';
    case 'phrase':
      return first(text.replace(/[^\u4e00-\u9fa5]/g, ''), 5);
    case 'character_string':
      return first(text.replace(/[^\x21-\x7e]/g, ''), 32);
    case 'number':
      return first(text.replace(/[^0-9.]/g, ''), 32);
    case 'letter':
      return first(text.replace(/[^A-Za-z]/g, ''), 32);
    case 'name':
      return first(text, 10);
    case 'phone_number':
      return first(text, 17);
    case 'car_number':
      return first(text, 8);
    case 'symbol':
      return first(text, 5);
    default:
      return cut(text, 20);
  }
}

/** The `data` of subscribeMessage.send: each value under its keyword from the settings. */
export function templateData(
  values: ProgressValues,
  fields: SubscribeTemplateFields,
): TemplateData {
  const data: TemplateData = {};
  for (const key of ['ticketNo', 'status', 'content', 'time'] as const) {
    const field = fields[key];
    if (field) data[field] = { value: fitKeyword(field, values[key]) };
  }
  return data;
}
