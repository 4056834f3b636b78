import type { components } from './api-types.generated';
import { request } from './request';
import { pageUrl } from '../utils/nav';
import './staff-session';

/** The staff workspace's calls: always with the staff token, never the citizen's. */

type Schemas = components['schemas'];
export type LoginAnswer = Schemas['LoginResponse'];

/** POST /api/auth/login — 401 INVALID_CREDENTIALS, 429 LOGIN_LOCKED, 403 ACCOUNT_DISABLED. */
export function staffLogin(username: string, password: string): Promise<LoginAnswer> {
  return request<LoginAnswer>('/api/auth/login', {
    method: 'POST',
    data: { username, password },
    auth: 'none',
  });
}

interface Counted {
  total: number;
}

/** How many rows a list endpoint holds for a filter, read from one one-row page. */
export async function countOf(path: string, query: Record<string, string> = {}): Promise<number> {
  const url = pageUrl(path, { ...query, page: 1, pageSize: 1 });
  return (await request<Counted>(url, { auth: 'staff' })).total;
}

export type WindowInfo = Schemas['WindowResponse'];

/** GET /api/windows/:id */
export function windowInfo(id: number): Promise<WindowInfo> {
  return request<WindowInfo>(`/api/windows/${id}`, { auth: 'staff' });
}
