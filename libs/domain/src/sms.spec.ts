import { fillJsonTemplate, inQuietHours, invitationText, smsRatingUrl, smsSendableAt } from './sms';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

describe('SMS invitations', () => {
  it('keeps quiet from 21:00 to 08:00 China time', () => {
    expect(inQuietHours(china('2026-11-18T20:59:59'))).toBe(false);
    expect(inQuietHours(china('2026-11-18T21:00:00'))).toBe(true);
    expect(inQuietHours(china('2026-11-19T00:30:00'))).toBe(true);
    expect(inQuietHours(china('2026-11-19T07:59:59'))).toBe(true);
    expect(inQuietHours(china('2026-11-19T08:00:00'))).toBe(false);
  });

  it('defers a quiet-hours send to the next 08:00 China time, and leaves others as they are', () => {
    const day = china('2026-11-18T10:00:00');
    expect(smsSendableAt(day)).toEqual(day);
    expect(smsSendableAt(china('2026-11-18T21:00:00'))).toEqual(china('2026-11-19T08:00:00'));
    expect(smsSendableAt(china('2026-11-18T23:59:00'))).toEqual(china('2026-11-19T08:00:00'));
    expect(smsSendableAt(china('2026-11-19T03:00:00'))).toEqual(china('2026-11-19T08:00:00'));
    // Across a month's end.
    expect(smsSendableAt(china('2026-11-30T22:00:00'))).toEqual(china('2026-12-01T08:00:00'));
  });

  it('marks the rating link as the SMS channel and says it in the text', () => {
    const url = smsRatingUrl('https://hcp.example.cn/pages/rate/index?token=a.b.c');
    expect(url).toBe('https://hcp.example.cn/pages/rate/index?token=a.b.c&channel=sms');
    expect(invitationText({ transactionNo: 'TX1', url })).toContain(url);
  });

  it('fills a JSON body template inside its strings only', () => {
    const body = fillJsonTemplate(
      '{"mobile":"{phone}","content":"{text}","params":["{url}","{transactionNo}"],"n":1}',
      { phone: '13812345678', url: 'http://x/?a="b"', transactionNo: 'TX1', text: 'hi "there"' },
    );
    expect(body).toEqual({
      mobile: '13812345678',
      content: 'hi "there"',
      params: ['http://x/?a="b"', 'TX1'],
      n: 1,
    });
    expect(() => fillJsonTemplate('{phone}', {} as never)).toThrow();
  });
});
