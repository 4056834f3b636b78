import Taro from '@tarojs/taro';

/**
 * Device storage (wx storage on weapp, localStorage on H5) that never throws: a full or
 * disabled storage must not break rating.
 */
export function readStorage<T>(key: string, fallback: T): T {
  try {
    // A missing key reads as '' on every platform.
    const value: unknown = Taro.getStorageSync(key);
    return value === '' || value === undefined || value === null ? fallback : (value as T);
  } catch {
    return fallback;
  }
}

export function writeStorage(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable: the in-memory state still works for this visit.
  }
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // ignore
  }
}
