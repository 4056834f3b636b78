import { useEffect, useRef, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import Button from '../Button';
import { IS_H5 } from '../../constants';
import { a11y } from '../../utils/a11y';
import './index.scss';

export interface Question {
  title: string;
  content: string;
  /** The confirming button's text, e.g. 确认停用 */
  confirmText: string;
}

interface Asked extends Question {
  answer: (yes: boolean) => void;
}

/**
 * Asks before an action that cannot simply be undone (停用, 吊销). On weapp that is WeChat's own
 * modal. On H5 Taro's showModal draws plain <div>s that neither the keyboard nor a screen reader
 * can use, so the question is an alert dialog of real buttons: focus moves to it, Escape cancels,
 * and focus goes back to where it was.
 */
export function useConfirm(): [ReactNode, (q: Question) => Promise<boolean>] {
  const [asked, setAsked] = useState<Asked | null>(null);
  const back = useRef<HTMLElement | null>(null);

  const ask = (q: Question): Promise<boolean> => {
    if (!IS_H5) {
      return Taro.showModal({
        title: q.title,
        content: q.content,
        confirmText: q.confirmText.slice(0, 4),
        confirmColor: '#c7000b',
      }).then(
        (r) => r.confirm,
        () => false,
      );
    }
    back.current = document.activeElement as HTMLElement | null;
    return new Promise((resolve) => setAsked({ ...q, answer: resolve }));
  };

  const close = (yes: boolean) => {
    asked?.answer(yes);
    setAsked(null);
    const previous = back.current;
    if (previous && typeof previous.focus === 'function') setTimeout(() => previous.focus(), 0);
  };

  useEffect(() => {
    if (!IS_H5 || !asked) return;
    const timer = setTimeout(() => {
      document.querySelector<HTMLElement>('[data-testid="confirm-cancel"]')?.focus();
    }, 0);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
    };
  });

  const dialog = asked ? (
    <View className="admin-confirm" data-testid="confirm">
      <View
        className="admin-confirm__box"
        {...a11y(asked.title, { role: 'alertdialog' })}
        {...{ ariaModal: 'true' }}
      >
        <Text className="admin-confirm__title">{asked.title}</Text>
        <Text className="admin-confirm__text">{asked.content}</Text>
        <View className="admin-confirm__actions">
          <Button
            className="btn btn--plain admin-confirm__btn"
            data-testid="confirm-cancel"
            {...a11y('取消')}
            onClick={() => close(false)}
          >
            取消
          </Button>
          <Button
            className="btn btn--primary admin-confirm__btn"
            data-testid="confirm-ok"
            {...a11y(asked.confirmText)}
            onClick={() => close(true)}
          >
            {asked.confirmText}
          </Button>
        </View>
      </View>
    </View>
  ) : null;

  return [dialog, ask];
}
