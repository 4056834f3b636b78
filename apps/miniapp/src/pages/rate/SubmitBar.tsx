import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';
import type { SubmitProgress } from '../../services/rating-queue';
import { a11y, ariaLive } from '../../utils/a11y';

const PROGRESS_TEXT: Record<SubmitProgress['phase'], string> = {
  submitting: '提交中…',
  retrying: '网络不佳，正在重试…',
  queued: '网络不佳，评价已保存在本机，联网后将自动提交',
  done: '已提交',
};

/** The fixed bar: what the submission is doing, and 提交评价 (or 立即重试 once queued). */
export default function SubmitBar(props: {
  progress: SubmitProgress | null;
  error: string;
  busy: boolean;
  onSubmit: () => void;
  onRetry: () => void;
}) {
  const { progress, error } = props;
  const submitting =
    progress !== null && (progress.phase === 'submitting' || progress.phase === 'retrying');
  const statusText = progress ? PROGRESS_TEXT[progress.phase] : error;
  const statusTone = progress ? progress.phase : error ? 'error' : '';
  return (
    <View className="footer-bar">
      {statusText ? (
        <Text
          className={`status-line status-line--${statusTone}`}
          data-testid="submit-status"
          {...ariaLive}
        >
          {statusText}
        </Text>
      ) : null}
      {progress?.phase === 'queued' ? (
        <Button
          className="btn btn--ghost"
          data-testid="retry-submit"
          {...a11y('立即重试提交')}
          onClick={props.onRetry}
        >
          立即重试
        </Button>
      ) : (
        <Button
          className={`btn btn--primary ${submitting || props.busy ? 'btn--disabled' : ''}`}
          data-testid="submit"
          {...a11y(submitting ? '提交中' : '提交评价', { disabled: submitting })}
          onClick={props.onSubmit}
        >
          {submitting ? '提交中…' : '提交评价'}
        </Button>
      )}
    </View>
  );
}
