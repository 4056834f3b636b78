/** Staff roles. Citizens have no role: the rating token is their capability. */
export const ROLES = ['admin', 'supervisor', 'department', 'window'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  supervisor: '中心督查',
  department: '部门整改专员',
  window: '窗口工作人员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Service-item categories of the monthly report (事项类别). */
export const SERVICE_ITEM_CATEGORIES = [
  '行政许可',
  '行政确认',
  '其他行政权力',
  '公共服务',
] as const;
export type ServiceItemCategory = (typeof SERVICE_ITEM_CATEGORIES)[number];
