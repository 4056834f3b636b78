import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ariaHidden, ariaLive } from '../../utils/a11y';
import './index.scss';

export type StateTone = 'success' | 'info' | 'warning' | 'error';

const ICONS: Record<StateTone, string> = {
  success: '✓',
  info: 'i',
  warning: '!',
  error: '×',
};

interface Props {
  tone: StateTone;
  title: string;
  message?: string;
  testId?: string;
  children?: ReactNode;
}

/** A whole-page state (loading, already rated, expired, invalid, thanks…) in plain words. */
export default function StateView({ tone, title, message, testId, children }: Props) {
  return (
    <View className={`state state--${tone}`} data-testid={testId} {...ariaLive}>
      <View className="state__icon" {...ariaHidden}>
        <Text className="state__icon-text">{ICONS[tone]}</Text>
      </View>
      <Text className="state__title" data-testid="state-title">
        {title}
      </Text>
      {message ? <Text className="state__message">{message}</Text> : null}
      {children ? <View className="state__actions">{children}</View> : null}
    </View>
  );
}
