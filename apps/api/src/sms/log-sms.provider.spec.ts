import { Logger } from '@nestjs/common';
import { LogSmsProvider } from './log-sms.provider';

describe('LogSmsProvider', () => {
  it('logs the invitation with the phone masked and never the link', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const outcome = await new LogSmsProvider().send({
        phone: '13812345678',
        url: 'http://localhost:3000/pages/rate/index?token=1.abc.secret&channel=sms',
        transactionNo: 'TX-1',
        text: '…',
      });
      expect(outcome).toEqual({ status: 'sent', receipt: 'log only' });
      const line = String(log.mock.calls[0][0]);
      expect(line).toContain('138****5678');
      expect(line).toContain('TX-1');
      expect(line).not.toContain('13812345678');
      expect(line).not.toContain('token=');
    } finally {
      log.mockRestore();
    }
  });
});
