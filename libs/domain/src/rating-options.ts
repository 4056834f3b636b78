import { LEVEL_LABELS, RATING_LEVELS, type RatingLevel } from './levels';

/** 评价渠道: where a rating was given. Recorded on each rating. */
export const CHANNELS = ['window_qr', 'miniapp', 'tablet', 'web', 'sms', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What a stored rating's channel may be: the citizens' channels above, and `default` for a
 * 默认评价 recorded by the system when a transaction's rating window ended without a rating (a
 * setting, off by default). Citizens never submit `default`: the rating form takes CHANNELS only.
 */
export const RATING_CHANNELS = [...CHANNELS, 'default'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/** How lists and exports name a default rating. */
export const DEFAULT_RATING_LABEL = '默认评价';

/** The label of every stored channel, `default` (默认评价) included. */
export const CHANNEL_LABELS: Readonly<Record<RatingChannel, string>> = {
  window_qr: '窗口二维码',
  miniapp: '小程序',
  tablet: '评价器',
  web: '网页',
  sms: '短信',
  hotline: '12345热线',
  default: DEFAULT_RATING_LABEL,
};

export const APPLICANT_TYPES = ['person', 'legal_entity'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export interface LevelOptions {
  level: RatingLevel;
  label: string;
  tags: string[];
}

/** The option tags of each level, as shown on the rating form. Versioned in settings. */
export interface RatingOptions {
  version: number;
  levels: LevelOptions[];
}

const GOOD_TAGS = ['热情周到', '高效快捷', '一次办成', '指引清晰', '环境舒适'];
const BAD_TAGS = [
  '服务态度差',
  '办事效率低',
  '多次跑腿',
  '一次性告知不到位',
  '办事指南不清晰',
  '环境设施差',
];

export const DEFAULT_LEVEL_TAGS: Readonly<Record<RatingLevel, string[]>> = {
  5: GOOD_TAGS,
  4: GOOD_TAGS,
  3: ['基本满意', '等候时间较长', '流程可以更简化'],
  2: BAD_TAGS,
  1: BAD_TAGS,
};

export function defaultRatingOptions(version = 1): RatingOptions {
  return {
    version,
    levels: RATING_LEVELS.map((level) => ({
      level,
      label: LEVEL_LABELS[level],
      tags: [...DEFAULT_LEVEL_TAGS[level]],
    })),
  };
}

/** Limits shared by the API's validation and the client's counters. */
export const RATING_LIMITS = {
  commentMax: 500,
  tagsMax: 10,
  attachmentsMax: 6,
  complaintMax: 1000,
  followUpMax: 500,
  attachmentBytesMax: 5 * 1024 * 1024,
} as const;
