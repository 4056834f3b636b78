import { DEFAULT_SUBSCRIBE_TEMPLATE_FIELDS } from '../settings/settings.types';
import { fitKeyword, templateData } from './subscribe-template';

describe('subscribe-message template data', () => {
  const values = {
    ticketNo: 'ZG20261118-7KQ4M2XA',
    status: '已办结',
    content: '已对窗口人员进行批评教育并优化一次性告知单，感谢您的监督',
    time: new Date('2026-11-18T02:05:00Z'),
  };

  it('puts each value under its keyword, cut to the keyword type', () => {
    expect(templateData(values, DEFAULT_SUBSCRIBE_TEMPLATE_FIELDS)).toEqual({
      character_string1: { value: 'ZG20261118-7KQ4M2XA' },
      phrase2: { value: '已办结' },
      thing3: { value: '已对窗口人员进行批评教育并优化一次性告…' },
      time4: { value: '2026-11-18 10:05' },
    });
    expect([...templateData(values, DEFAULT_SUBSCRIBE_TEMPLATE_FIELDS).thing3.value]).toHaveLength(
      20,
    );
  });

  it('takes the keyword names from the settings and leaves out an empty one', () => {
    const data = templateData(values, {
      ticketNo: '',
      status: 'phrase7',
      content: 'thing12',
      time: 'date2',
    });
    expect(data).toEqual({
      phrase7: { value: '已办结' },
      thing12: { value: expect.any(String) },
      date2: { value: '2026-11-18' },
    });
  });

  it('keeps to the limits of every keyword type', () => {
    expect(fitKeyword('thing1', '短')).toBe('短');
    expect(fitKeyword('thing1', '   ')).toBe('—');
    expect(fitKeyword('phrase1', '重新办理中ABC')).toBe('重新办理中');
    expect(fitKeyword('character_string9', `工单 ${'A'.repeat(40)}`)).toHaveLength(32);
    expect(fitKeyword('name1', '一二三四五六七八九十十一')).toHaveLength(10);
    expect(fitKeyword('thing1', '电话13812348000的群众反映的问题已经处理完毕请查收')).toHaveLength(
      20,
    );
  });
});
