import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '../Button';
import { a11y, ariaLive } from '../../utils/a11y';
import './index.scss';

interface Props {
  ticketNo: string;
  label?: string;
  testId?: string;
}

/**
 * A ticket number on a line of its own, never broken at its hyphen, with 复制 beside it: the
 * citizen quotes it on the phone (12345) or keeps it for later.
 */
export default function TicketNo({ ticketNo, label = '整改工单号', testId = 'ticket-no' }: Props) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = () => {
    Taro.setClipboardData({ data: ticketNo }).then(
      () => setCopied('done'),
      () => setCopied('failed'),
    );
  };
  return (
    <View className="ticket-no">
      <Text className="ticket-no__label">{label}</Text>
      <View className="ticket-no__row">
        <Text className="ticket-no__value" data-testid={testId} selectable>
          {ticketNo}
        </Text>
        <Button
          className="btn btn--ghost btn--small ticket-no__copy"
          data-testid={`${testId}-copy`}
          {...a11y(`复制${label}`)}
          onClick={copy}
        >
          复制
        </Button>
      </View>
      {copied !== 'idle' ? (
        <Text className="ticket-no__note" {...ariaLive}>
          {copied === 'done' ? '已复制' : '复制失败，请长按工单号手动复制'}
        </Text>
      ) : null}
    </View>
  );
}
