import { MOBILE_PATTERN } from '@haochaping/domain';

/** Chinese inline message for a contact phone, or '' when fine. */
export function phoneError(phone: string, required: boolean): string {
  const value = phone.trim();
  if (!value) return required ? '请填写手机号码，方便工作人员回访；不想留号码可选择匿名评价' : '';
  if (!MOBILE_PATTERN.test(value)) return '请输入11位手机号码';
  return '';
}

/** Keep digits only, at most 11. */
export function normalizePhone(input: string): string {
  return input.replace(/\D/g, '').slice(0, 11);
}
