import type { ServiceItemCategory } from '@haochaping/domain';

/** A believable city government-service centre (市政务服务中心) for a local start and demos. */
export interface DemoDepartment {
  code: string;
  name: string;
  windows: { code: string; name: string; staff: [string, string][] }[];
  items: [string, string, ServiceItemCategory][];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    code: 'SCJG',
    name: '市场监督管理局',
    windows: [
      {
        code: 'A01',
        name: 'A01 企业开办窗口',
        staff: [
          ['S1001', '张敏'],
          ['S1002', '李娜'],
        ],
      },
      { code: 'A02', name: 'A02 食品经营许可窗口', staff: [['S1003', '王磊']] },
    ],
    items: [
      ['SCJG-XK-001', '食品经营许可证核发', '行政许可'],
      ['SCJG-XK-002', '企业设立登记', '行政许可'],
      ['SCJG-GG-001', '营业执照遗失补领', '公共服务'],
    ],
  },
  {
    code: 'RSJ',
    name: '人力资源和社会保障局',
    windows: [
      {
        code: 'B01',
        name: 'B01 社保参保登记窗口',
        staff: [
          ['S2001', '刘洋'],
          ['S2002', '陈静'],
        ],
      },
      { code: 'B02', name: 'B02 就业创业服务窗口', staff: [['S2003', '杨帆']] },
    ],
    items: [
      ['RSJ-QR-001', '城镇职工基本养老保险参保登记', '行政确认'],
      ['RSJ-GG-001', '失业登记', '公共服务'],
      ['RSJ-GG-002', '社会保障卡申领', '公共服务'],
    ],
  },
  {
    code: 'GAJ',
    name: '公安局',
    windows: [
      {
        code: 'C01',
        name: 'C01 户籍业务窗口',
        staff: [
          ['S3001', '赵军'],
          ['S3002', '黄丽'],
        ],
      },
      { code: 'C02', name: 'C02 出入境业务窗口', staff: [['S3003', '周涛']] },
    ],
    items: [
      ['GAJ-XK-001', '普通护照签发', '行政许可'],
      ['GAJ-QR-001', '户口迁移登记', '行政确认'],
      ['GAJ-GG-001', '居民身份证换领', '公共服务'],
    ],
  },
  {
    code: 'BDC',
    name: '不动产登记中心',
    windows: [
      {
        code: 'D01',
        name: 'D01 不动产综合受理窗口',
        staff: [
          ['S4001', '吴刚'],
          ['S4002', '徐芳'],
        ],
      },
      { code: 'D02', name: 'D02 不动产查询窗口', staff: [['S4003', '孙伟']] },
    ],
    items: [
      ['BDC-QR-001', '国有建设用地使用权及房屋所有权转移登记', '行政确认'],
      ['BDC-QR-002', '抵押权首次登记', '行政确认'],
      ['BDC-GG-001', '不动产登记资料查询', '公共服务'],
    ],
  },
  {
    code: 'SWJ',
    name: '税务局',
    windows: [
      {
        code: 'E01',
        name: 'E01 综合办税窗口',
        staff: [
          ['S5001', '马超'],
          ['S5002', '朱琳'],
        ],
      },
      { code: 'E02', name: 'E02 发票业务窗口', staff: [['S5003', '胡斌']] },
    ],
    items: [
      ['SWJ-QT-001', '增值税专用发票最高开票限额审批', '其他行政权力'],
      ['SWJ-GG-001', '完税证明开具', '公共服务'],
    ],
  },
  {
    code: 'YBJ',
    name: '医疗保障局',
    windows: [
      {
        code: 'F01',
        name: 'F01 医保业务窗口',
        staff: [
          ['S6001', '郭静'],
          ['S6002', '何鹏'],
        ],
      },
    ],
    items: [
      ['YBJ-QR-001', '基本医疗保险参保登记', '行政确认'],
      ['YBJ-GG-001', '异地就医备案', '公共服务'],
    ],
  },
  {
    code: 'GJJ',
    name: '住房公积金管理中心',
    windows: [
      {
        code: 'G01',
        name: 'G01 公积金提取窗口',
        staff: [
          ['S7001', '林涛'],
          ['S7002', '罗娟'],
        ],
      },
    ],
    items: [
      ['GJJ-GG-001', '住房公积金提取', '公共服务'],
      ['GJJ-GG-002', '住房公积金贷款申请', '公共服务'],
    ],
  },
  {
    code: 'JTJ',
    name: '交通运输局',
    windows: [
      {
        code: 'H01',
        name: 'H01 道路运输窗口',
        staff: [
          ['S8001', '高明'],
          ['S8002', '梁燕'],
        ],
      },
    ],
    items: [
      ['JTJ-XK-001', '道路货物运输经营许可', '行政许可'],
      ['JTJ-QT-001', '出租汽车驾驶员从业资格注册', '其他行政权力'],
    ],
  },
];
