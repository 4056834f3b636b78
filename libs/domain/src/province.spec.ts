import { RATING_LEVELS, type RatingLevel } from './levels';
import {
  chinaDateTime,
  DEFAULT_PROVINCE_CHANNEL_CODES,
  evaluationRecord,
  gatewayVerdict,
  levelOfSatisfaction,
  rectificationRecord,
  satisfactionCode,
  tagCode,
  type EvaluationFacts,
  type ProvinceSettings,
} from './province';
import { CHANNELS, defaultRatingOptions } from './rating-options';

const options = defaultRatingOptions().levels;
const settings: ProvinceSettings = {
  areaCode: '370100000000',
  satisfactionDirection: 'level',
  channelCodes: DEFAULT_PROVINCE_CHANNEL_CODES,
  tagCodes: {},
  projectNoPrefix: '',
};
const facts: EvaluationFacts = {
  transactionNo: 'BJ2026-0001',
  applicantType: 'person',
  item: { code: 'SP-001', nationalCode: '11370100MB1234567X4000117001', name: '食品经营许可' },
  department: { code: 'SCJG', name: '市场监督管理局', creditCode: '11370100MB1234567X' },
  level: 5,
  channel: 'window_qr',
  tags: ['热情周到', '一次办成'],
  options,
  comment: '很好，电话 13812345678',
  at: new Date('2026-11-18T02:03:04Z'),
  assessNumber: 1,
};

describe('province evaluation record', () => {
  it('maps every level both ways: satisfaction = level, or GB/T 39046 (1 = 非常满意)', () => {
    for (const level of RATING_LEVELS) {
      expect(satisfactionCode(level, 'level')).toBe(level);
      expect(satisfactionCode(level, 'gbt')).toBe(6 - level);
      expect(levelOfSatisfaction(satisfactionCode(level, 'gbt'), 'gbt')).toBe(level);
      expect(levelOfSatisfaction(satisfactionCode(level, 'level'), 'level')).toBe(level);
    }
    expect(evaluationRecord({ ...facts, level: 5 }, settings).satisfaction).toBe(5);
    const gbt = { ...settings, satisfactionDirection: 'gbt' as const };
    expect(evaluationRecord({ ...facts, level: 5 }, gbt).satisfaction).toBe(1);
    expect(evaluationRecord({ ...facts, level: 1, tags: [] }, gbt).satisfaction).toBe(5);
  });

  it('maps every channel to its pf code, the table being a setting', () => {
    const pf = Object.fromEntries(
      [...CHANNELS, 'default' as const].map((c) => [
        c,
        evaluationRecord({ ...facts, channel: c }, settings).pf,
      ]),
    );
    expect(pf).toEqual({
      web: 1,
      miniapp: 2,
      window_qr: 3,
      tablet: 4,
      hotline: 5,
      sms: 6,
      default: 7,
    });
    const swapped = {
      ...settings,
      channelCodes: { ...DEFAULT_PROVINCE_CHANNEL_CODES, sms: 7, default: 6 },
    };
    expect(evaluationRecord({ ...facts, channel: 'sms' }, swapped).pf).toBe(7);
    expect(evaluationRecord({ ...facts, channel: 'default' }, swapped).pf).toBe(6);
  });

  it('writes evalDetail as the codes of the chosen tags, the first digit the level', () => {
    expect(evaluationRecord(facts, settings).evalDetail).toBe('501,503');
    expect(evaluationRecord({ ...facts, level: 4 }, settings).evalDetail).toBe('401,403');
    const bad = { ...facts, level: 1 as RatingLevel, tags: ['多次跑腿', '服务态度差'] };
    expect(evaluationRecord(bad, settings).evalDetail).toBe('103,101');
    for (const level of RATING_LEVELS) {
      for (const tag of options.find((o) => o.level === level)!.tags) {
        expect(tagCode(level, tag, options, {})?.[0]).toBe(String(level));
      }
    }
    // A configured code wins; a tag that is not an option has none.
    const custom = { ...settings, tagCodes: { '5': { 热情周到: '5A1' } } };
    expect(evaluationRecord(facts, custom).evalDetail).toBe('5A1,503');
    expect(tagCode(5, '不存在', options, {})).toBeNull();
    expect(evaluationRecord({ ...facts, tags: [] }, settings).evalDetail).toBe('');
  });

  it('carries the codes, China time, the masked comment and the assess number', () => {
    expect(evaluationRecord(facts, { ...settings, projectNoPrefix: '37' })).toEqual({
      projectNo: '37BJ2026-0001',
      taskCode: '11370100MB1234567X4000117001',
      taskName: '食品经营许可',
      taskHandleItem: '11370100MB1234567X4000117001',
      subMatter: 'SP-001',
      deptCode: '11370100MB1234567X',
      deptName: '市场监督管理局',
      areaCode: '370100000000',
      proStatus: 3,
      pf: 3,
      satisfaction: 5,
      evalDetail: '501,503',
      writingEvaluation: '很好，电话 138****5678',
      assessTime: '2026-11-18 10:03:04',
      assessNumber: 1,
      userProp: 1,
    });
    const bare = evaluationRecord(
      {
        ...facts,
        department: { ...facts.department, creditCode: null },
        applicantType: 'legal_entity',
        assessNumber: 2,
        comment: null,
      },
      { ...settings, areaCode: '' },
    );
    expect(bare).not.toHaveProperty('deptCode');
    expect(bare).not.toHaveProperty('areaCode');
    expect(bare).toMatchObject({ userProp: 2, assessNumber: 2, writingEvaluation: '' });
  });

  it('describes a closed ticket as its rectification result', () => {
    expect(
      rectificationRecord(
        {
          transactionNo: 'BJ2026-0001',
          ticketNo: 'ZG20261118-ABCDEFGH',
          department: { name: '市场监督管理局', creditCode: null },
          outcome: 'rectified',
          reply: '已整改，联系 13812345678',
          closedAt: new Date('2026-11-20T08:00:00Z'),
          visitedAt: new Date('2026-11-19T01:00:00Z'),
        },
        { areaCode: '370100000000', projectNoPrefix: '' },
      ),
    ).toEqual({
      projectNo: 'BJ2026-0001',
      rectifyNo: 'ZG20261118-ABCDEFGH',
      deptName: '市场监督管理局',
      areaCode: '370100000000',
      rectifyResult: 'rectified',
      rectifyReply: '已整改，联系 138****5678',
      rectifyTime: '2026-11-20 16:00:00',
      visitStatus: 1,
      visitTime: '2026-11-19 09:00:00',
    });
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00');
  });

  it('judges gateway answers: 2xx without an error flag; duplicates count as received', () => {
    expect(gatewayVerdict(200, { success: true, code: '200' })).toBe('sent');
    expect(gatewayVerdict(200, { code: 0, msg: 'ok' })).toBe('sent');
    expect(gatewayVerdict(201, '')).toBe('sent');
    expect(gatewayVerdict(200, { success: false, msg: '字段缺失' })).toBe('rejected');
    expect(gatewayVerdict(200, { code: '500', msg: 'error' })).toBe('rejected');
    expect(gatewayVerdict(502, 'Bad Gateway')).toBe('rejected');
    expect(gatewayVerdict(200, { success: false, msg: '评价数据不可重复' })).toBe('duplicate');
    expect(gatewayVerdict(409, { msg: '评价数据不可重复' })).toBe('duplicate');
  });
});
