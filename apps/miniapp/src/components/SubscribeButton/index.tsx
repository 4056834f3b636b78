import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import Button from '../Button';
import { IS_WEAPP, SUBSCRIBE_TEMPLATE_ID } from '../../constants';
import { reportSubscription } from '../../services/subscribe';
import { a11y } from '../../utils/a11y';

type SubscribeState = 'idle' | 'asking' | 'accepted' | 'declined';

/**
 * 订阅整改进度通知 after a bad rating or a complaint (weapp only; H5 shows nothing). WeChat shows
 * its permission dialog only from a tap; the answer goes to the server with the rating token, so
 * what was just rated or complained about becomes this citizen's. Any failure only means no
 * message.
 */
export default function SubscribeButton({ token }: { token: string }) {
  const [state, setState] = useState<SubscribeState>('idle');
  if (!IS_WEAPP || !SUBSCRIBE_TEMPLATE_ID) return null;

  const ask = () => {
    setState('asking');
    const option = { tmplIds: [SUBSCRIBE_TEMPLATE_ID] } as Taro.requestSubscribeMessage.Option;
    Taro.requestSubscribeMessage(option).then(
      (res) => {
        const answer = (res as unknown as Record<string, string>)[SUBSCRIBE_TEMPLATE_ID];
        setState(answer === 'accept' ? 'accepted' : 'declined');
        reportSubscription(SUBSCRIBE_TEMPLATE_ID, answer === 'accept', token).catch(
          () => undefined,
        );
      },
      () => setState('declined'),
    );
  };

  if (state === 'accepted')
    return <Text className="muted result__note">已订阅，处理有进展时会通知您</Text>;
  return (
    <>
      <Button
        className="btn btn--primary"
        data-testid="subscribe"
        disabled={state === 'asking'}
        {...a11y('订阅处理进度通知')}
        onClick={ask}
      >
        订阅处理进度通知
      </Button>
      {state === 'declined' ? (
        <Text className="muted result__note">未订阅通知，可在「我的评价」中查看进度</Text>
      ) : null}
    </>
  );
}
