import { sanitizeUrl } from './logging';

describe('sanitizeUrl', () => {
  it('never lets a rating token, a login code or a phone number reach the log', () => {
    expect(sanitizeUrl('/api/rating-forms/eyJ0eXAi.abc?x=1')).toBe('/api/rating-forms/[token]?x=1');
    expect(sanitizeUrl('/pages/rate/index?token=secret&v=2')).toBe(
      '/pages/rate/index?token=[redacted]&v=2',
    );
    expect(sanitizeUrl('/api/tickets?phone=13812348000')).toBe('/api/tickets?phone=138****8000');
  });
});
