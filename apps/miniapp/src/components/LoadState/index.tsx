import { Text, View } from '@tarojs/components';
import Button from '../Button';
import HomeButton from '../HomeButton';
import HotlineButton from '../HotlineButton';
import StateView from '../StateView';
import type { Remote } from '../../hooks/useRemote';
import { a11y, ariaLive } from '../../utils/a11y';

export interface LoadTexts {
  /** Why the link names nothing, and what to do. */
  invalid: string;
  /** Title and message when the rating period is over. */
  expiredTitle: string;
  expired: string;
  /** Title when loading failed for another reason (the message is the error's). */
  errorTitle: string;
  /** The expired message points to the 12345 hotline: offer 拨打 12345 beside 返回首页. */
  hotline?: boolean;
}

/**
 * The states of a page before its data is there, the same on every page: loading, an invalid
 * link (返回首页), an expired period (返回首页), or a failure with 重新加载.
 */
export default function LoadState({
  state,
  texts,
  onRetry,
}: {
  state: Exclude<Remote<unknown>, { kind: 'ready' }>;
  texts: LoadTexts;
  onRetry: () => void;
}) {
  switch (state.kind) {
    case 'loading':
      return (
        <View className="page-loading" data-testid="page-loading" {...ariaLive}>
          <Text className="muted">正在加载…</Text>
        </View>
      );
    case 'invalid':
      return (
        <StateView tone="error" title="二维码无效" message={texts.invalid} testId="state-invalid">
          <HomeButton variant="ghost" />
        </StateView>
      );
    case 'expired':
      return (
        <StateView
          tone="warning"
          title={texts.expiredTitle}
          message={texts.expired}
          testId="state-expired"
        >
          {texts.hotline ? <HotlineButton variant="ghost" /> : null}
          <HomeButton variant="plain" />
        </StateView>
      );
    case 'error':
      return (
        <StateView
          tone="info"
          title={texts.errorTitle}
          message={state.message}
          testId="state-error"
        >
          <Button className="btn btn--primary" {...a11y('重新加载')} onClick={onRetry}>
            重新加载
          </Button>
        </StateView>
      );
  }
}
