import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { STORAGE_KEYS } from '../constants';
import { readStorage, writeStorage } from '../services/storage';

export function readElderMode(): boolean {
  return readStorage<boolean>(STORAGE_KEYS.elderMode, false) === true;
}

/**
 * 长辈模式: larger type and touch targets, optional fields tucked away. Remembered on the
 * device; re-read whenever a page is shown so a switch on one page applies to the others.
 */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [elder, setElder] = useState<boolean>(readElderMode);
  useDidShow(() => setElder(readElderMode()));
  const update = useCallback((on: boolean) => {
    writeStorage(STORAGE_KEYS.elderMode, on);
    setElder(on);
  }, []);
  return [elder, update];
}
