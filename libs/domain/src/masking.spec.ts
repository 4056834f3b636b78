import { maskIdNumber, maskPersonalData, maskPhone, MOBILE_PATTERN } from './masking';

describe('masking personal data', () => {
  it('masks a mobile number as 138****8000', () => {
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks a resident ID number keeping region and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks every phone and ID number inside free text, and nothing else', () => {
    const text = '联系13812348000，身份证11010519491231002X，办件号20261126000123';
    const masked = maskPersonalData(text);
    expect(masked).toContain('138****8000');
    expect(masked).toContain('110105********002X');
    expect(masked).not.toContain('13812348000');
    expect(masked).toContain('20261126000123');
  });

  it('accepts only mainland mobile numbers', () => {
    expect(MOBILE_PATTERN.test('13812348000')).toBe(true);
    expect(MOBILE_PATTERN.test('12812348000')).toBe(false);
    expect(MOBILE_PATTERN.test('1381234800')).toBe(false);
  });
});
