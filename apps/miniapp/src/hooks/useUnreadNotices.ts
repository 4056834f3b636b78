import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { unreadNoticeCount } from '../services/staff-api';

/** Fired (Taro.eventCenter) when notices were marked read, so every badge updates at once. */
export const NOTICES_CHANGED = 'hcp:notices-changed';

const POLL_MS = 60_000;

/**
 * How many to-do notices the signed-in staff member has not read, for the navigation's badge:
 * read when the page shows, every minute while it is on screen, and at once after the notices
 * page marks some read. null until known (or for a role without notices).
 */
export function useUnreadNotices(enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  const [shown, setShown] = useState(true);
  const refresh = useCallback(() => {
    unreadNoticeCount().then(setCount, () => undefined);
  }, []);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  useEffect(() => {
    if (!enabled || !shown) return;
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    Taro.eventCenter.on(NOTICES_CHANGED, refresh);
    return () => {
      clearInterval(timer);
      Taro.eventCenter.off(NOTICES_CHANGED, refresh);
    };
  }, [enabled, shown, refresh]);
  return enabled ? count : null;
}
