import Taro from '@tarojs/taro';
import { ROUTES, STORAGE_KEYS } from '../constants';
import type { components } from './api-types.generated';
import { configureStaffSession } from './request';
import { readStorage, removeStorage, writeStorage } from './storage';
import { pageUrl } from '../utils/nav';

export type StaffUser = components['schemas']['UserResponse'];

/** A staff member signed in on this device: kept apart from any citizen session. */
export interface StaffSession {
  token: string;
  user: StaffUser;
  /** When the token stops working (ms since epoch), as the API said at login. */
  expiresAt: number;
}

export function staffSession(): StaffSession | null {
  const session = readStorage<StaffSession | null>(STORAGE_KEYS.staffSession, null);
  if (!session || !session.token || session.expiresAt <= Date.now()) return null;
  return session;
}

export function saveStaffSession(session: StaffSession): void {
  writeStorage(STORAGE_KEYS.staffSession, session);
}

export function endStaffSession(): void {
  removeStorage(STORAGE_KEYS.staffSession);
}

/** The page the person was on, to come back to after signing in again. */
function currentPage(): string {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> };
  if (!page?.route) return '';
  const route = page.route.startsWith('/') ? page.route : `/${page.route}`;
  return pageUrl(route, page.options ?? {});
}

/** The login page, then back to `redirect` (or the role's home). */
export function goStaffLogin(redirect = ''): void {
  void Taro.reLaunch({ url: pageUrl(ROUTES.staffLogin, { redirect }) });
}

// An expired or revoked staff token ends the staff session only, and returns to the login.
configureStaffSession(
  () => staffSession()?.token ?? '',
  () => {
    const back = currentPage();
    endStaffSession();
    if (!back.startsWith(ROUTES.staffLogin)) goStaffLogin(back);
  },
);
