import { Text, View } from '@tarojs/components';
import Button from '../Button';
import StateView from '../StateView';
import type { Remote } from '../../hooks/useRemote';
import { a11y, ariaLive } from '../../utils/a11y';

/** 无权限: what an account that is not an administrator sees on an admin screen. */
export function NoAccess() {
  return (
    <StateView
      tone="warning"
      title="无权限"
      message="此页面仅供系统管理员使用。如需办理，请联系系统管理员。"
      testId="state-forbidden"
    />
  );
}

/**
 * The states of an admin screen before its data is there: loading, 无权限 (the API said 403),
 * not found, or a failure with its message and 重新加载.
 */
export default function AdminLoad(props: {
  state: Exclude<Remote<unknown>, { kind: 'ready' }>;
  /** What failed to load, e.g. 部门列表 */
  what: string;
  onRetry: () => void;
}) {
  const { state } = props;
  if (state.kind === 'loading') {
    return (
      <View className="page-loading" data-testid="page-loading" {...ariaLive}>
        <Text className="muted">正在加载…</Text>
      </View>
    );
  }
  if (state.kind === 'error' && state.code === 'FORBIDDEN') return <NoAccess />;
  const message =
    state.kind === 'error'
      ? state.message
      : state.kind === 'invalid'
        ? '未找到相关内容，请返回后重试。'
        : '请重新登录。';
  return (
    <StateView
      tone="info"
      title={`暂时无法加载${props.what}`}
      message={message}
      testId="state-error"
    >
      <Button className="btn btn--primary" {...a11y('重新加载')} onClick={props.onRetry}>
        重新加载
      </Button>
    </StateView>
  );
}
