import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import ElderSwitch from '../ElderSwitch';
import { pageClass } from '../../utils/nav';

interface Props {
  title: string;
  testId: string;
  elder: boolean;
  onElderChange: (on: boolean) => void;
  /** The page has a fixed footer bar and needs room for it. */
  footer?: boolean;
  /** Extra classes of the page root, and the page's own header classes if it styles them. */
  className?: string;
  topClassName?: string;
  titleClassName?: string;
  children: ReactNode;
}

/** Every citizen page: the root with elder-mode classes, a title and the 长辈模式 switch. */
export default function PageFrame(props: Props) {
  const extra = [props.className, props.footer ? 'page--with-footer' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={pageClass(props.elder, extra)} data-testid={props.testId}>
      <View className={props.topClassName ?? 'page-top'}>
        <Text className={props.titleClassName ?? 'page-title'}>{props.title}</Text>
        <ElderSwitch value={props.elder} onChange={props.onElderChange} />
      </View>
      {props.children}
    </View>
  );
}
