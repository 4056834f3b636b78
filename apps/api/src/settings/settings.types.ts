import {
  DEFAULT_MIN_SAMPLE,
  DEFAULT_PROVINCE_CHANNEL_CODES,
  DEFAULT_WEIGHTS,
  type ProvinceSettings,
  type ScoreWeights,
} from '@haochaping/domain';

/** Locality rules kept as settings (they differ between provinces), with their defaults. */
export interface Settings {
  /** Days after a transaction finished during which it can be rated (Guangdong: 7). */
  ratingWindowDays: number;
  /** Days after a rating during which one follow-up (追评) is accepted. */
  followUpDays: number;
  /** Working days a department has to close a ticket (Sichuan 15, Dezhou 5). */
  ticketDueWorkingDays: number;
  /** Working days for the first contact with the citizen. */
  firstContactWorkingDays: number;
  /** Units with fewer valid ratings in a month are shown as insufficient sample, not ranked. */
  minimumSample: number;
  /** Weights of the composite score. */
  scoreWeights: ScoreWeights;
  /**
   * Keyword names of the WeChat ticket-progress template (WECHAT_TEMPLATE_TICKET_PROGRESS) as
   * chosen in the mini-program's console: each value goes to its field, cut to the limit of the
   * field's type (thing ≤ 20 characters, phrase ≤ 5, …). '' leaves a value out.
   */
  subscribeTemplateFields: SubscribeTemplateFields;
  /** 行政区划代码 of the centre (12 digits): the areaCode of provincial pushes; '' while unset. */
  areaCode: string;
  /** How records are coded for the provincial platform (PROVINCE_API_BASE). */
  provincePush: ProvincePushSettings;
  /** 默认评价 for transactions whose rating window ends without a rating (off by default). */
  defaultRating: DefaultRatingSettings;
  /** One SMS rating invitation to an applicant who has not rated (off by default). */
  smsInvitation: SmsInvitationSettings;
}

export interface DefaultRatingSettings {
  enabled: boolean;
  /** The level recorded (Guangdong: 3 基本满意); 3–5, never a bad level without a person. */
  level: 3 | 4 | 5;
  /**
   * When it was last switched on (ISO instant), set by the service: only rating windows ending
   * after it get a default rating, never the whole history at once. null while never on.
   */
  enabledAt: string | null;
}

export interface SmsInvitationSettings {
  enabled: boolean;
  /** Days after the transaction finished (while it can still be rated). */
  afterDays: number;
}

export const DEFAULT_DEFAULT_RATING: DefaultRatingSettings = {
  enabled: false,
  level: 3,
  enabledAt: null,
};

export const DEFAULT_SMS_INVITATION: SmsInvitationSettings = { enabled: false, afterDays: 1 };

/** The provincial mapping tables (libs/domain/src/province.ts), all but the area code. */
export type ProvincePushSettings = Omit<ProvinceSettings, 'areaCode'>;

export const DEFAULT_PROVINCE_PUSH: ProvincePushSettings = {
  satisfactionDirection: 'level',
  channelCodes: DEFAULT_PROVINCE_CHANNEL_CODES,
  tagCodes: {},
  projectNoPrefix: '',
};

export interface SubscribeTemplateFields {
  /** 工单编号 */
  ticketNo: string;
  /** 处理状态 (已受理, 已办结, 重新办理) */
  status: string;
  /** 处理说明: the reply, or what happens next */
  content: string;
  /** 更新时间 */
  time: string;
}

/** A keyword of a subscribe-message template: its type, then its number (thing3, time4). */
export const TEMPLATE_FIELD_NAME =
  /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)\d{1,2}$/;

export const DEFAULT_SUBSCRIBE_TEMPLATE_FIELDS: SubscribeTemplateFields = {
  ticketNo: 'character_string1',
  status: 'phrase2',
  content: 'thing3',
  time: 'time4',
};

export const DEFAULT_SETTINGS: Settings = {
  ratingWindowDays: 7,
  followUpDays: 15,
  ticketDueWorkingDays: 15,
  firstContactWorkingDays: 1,
  minimumSample: DEFAULT_MIN_SAMPLE,
  scoreWeights: DEFAULT_WEIGHTS,
  subscribeTemplateFields: DEFAULT_SUBSCRIBE_TEMPLATE_FIELDS,
  areaCode: '',
  provincePush: DEFAULT_PROVINCE_PUSH,
  defaultRating: DEFAULT_DEFAULT_RATING,
  smsInvitation: DEFAULT_SMS_INVITATION,
};
