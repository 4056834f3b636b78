import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { goStaffLogin, staffSession, type StaffSession } from '../services/staff-session';
import { pageUrl } from '../utils/nav';

/**
 * The signed-in staff member of a workspace page; without a session, the login first and then
 * back to this page (with its parameters).
 */
export function useStaffSession(route: string): StaffSession | null {
  const [session] = useState(staffSession);
  useEffect(() => {
    if (session) return;
    const params = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    goStaffLogin(pageUrl(route, params));
  }, [session, route]);
  return session;
}
