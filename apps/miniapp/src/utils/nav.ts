import Taro from '@tarojs/taro';
import { ROUTES } from '../constants';

type Params = Record<string, string | number | boolean | null | undefined>;

/** /pages/x/index?a=1&b=2 (empty values left out). */
export function pageUrl(route: string, params: Params = {}): string {
  const query = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== '')
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
  return query ? `${route}?${query}` : route;
}

export function openPage(route: string, params: Params = {}): void {
  void Taro.navigateTo({ url: pageUrl(route, params) }).catch(() =>
    // The page stack is full (10 on weapp): replace the current page instead.
    Taro.redirectTo({ url: pageUrl(route, params) }),
  );
}

export function replacePage(route: string, params: Params = {}): void {
  void Taro.redirectTo({ url: pageUrl(route, params) });
}

export function goHome(): void {
  void Taro.reLaunch({ url: ROUTES.home });
}

/** A route parameter as text ('' when absent), percent-decoded once if needed. */
export function routeParam(params: Partial<Record<string, string>>, name: string): string {
  const raw = params[name];
  if (!raw) return '';
  try {
    return /%[0-9a-f]{2}/i.test(raw) ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

export function pageClass(elder: boolean, extra = ''): string {
  return `page ${elder ? 'page--elder' : ''} ${extra}`.trim().replace(/\s+/g, ' ');
}
