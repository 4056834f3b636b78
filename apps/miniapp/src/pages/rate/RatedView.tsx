import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { isRatingLevel, LEVEL_LABELS } from '@haochaping/domain';
import Button from '../../components/Button';
import StateView from '../../components/StateView';
import TicketProgress from '../../components/TicketProgress';
import TransactionCard from '../../components/TransactionCard';
import { IS_WEAPP, ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import {
  getRatingProgress,
  type RatingForm,
  type RatingProgress,
  type TicketProgress as Progress,
} from '../../services/api';
import type { RatingResult } from '../../services/rating-queue';
import { a11y, ariaLive } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { openPage } from '../../utils/nav';

function canFollowUp(form: RatingForm): boolean {
  return (
    !!form.ratingId &&
    !form.followedUp &&
    !!form.followUpUntil &&
    new Date(form.followUpUntil).getTime() > Date.now()
  );
}

function ratedMessage(form: RatingForm, progress: RatingProgress | null): string {
  const at = formatDateTime(form.ratedAt ?? progress?.ratedAt);
  const level = progress?.level;
  const how = level && isRatingLevel(level) ? `「${LEVEL_LABELS[level]}」` : '';
  return at ? `该办件已于 ${at} 评价${how}。` : '每个办件只能评价一次。';
}

/**
 * A token already rated: when it was rated (如非本人评价，请投诉), and what became of it — the
 * ticket's progress with 认可 / 不认可, by the token alone — and what can still be done.
 */
export default function RatedView(props: {
  token: string;
  form: RatingForm;
  mine: RatingResult | null;
}) {
  const { token, form, mine } = props;
  const [remote, reload] = useRemote(token, getRatingProgress);
  const [progress, setProgress] = useState<RatingProgress | null>(null);
  useEffect(() => {
    if (remote.kind === 'ready') setProgress(remote.data);
  }, [remote]);
  const update = (key: 'ticket' | 'complaintTicket') => (ticket: Progress) =>
    setProgress((p) => (p ? { ...p, [key]: ticket } : p));

  return (
    <View>
      <StateView
        tone="success"
        title="该办件已评价"
        message={ratedMessage(form, progress)}
        testId="state-rated"
      >
        <Text className="text rated__not-me" data-testid="rated-not-me">
          如非本人评价，请投诉。
        </Text>
        <Button
          className="btn btn--ghost"
          data-testid="rated-complaint"
          {...a11y('我要投诉')}
          onClick={() => openPage(ROUTES.complaint, { token })}
        >
          我要投诉
        </Button>
        {canFollowUp(form) ? (
          <Button
            className="btn btn--primary"
            data-testid="follow-up-entry"
            {...a11y('追加评价')}
            onClick={() => openPage(ROUTES.followUp, { token, ratingId: form.ratingId })}
          >
            追加评价
          </Button>
        ) : null}
        {IS_WEAPP ? (
          <Button
            className="btn btn--ghost"
            {...a11y('查看我的评价')}
            onClick={() => openPage(ROUTES.mine)}
          >
            查看我的评价
          </Button>
        ) : null}
      </StateView>
      {progress?.ticket ? (
        <TicketProgress token={token} ticket={progress.ticket} onChange={update('ticket')} />
      ) : null}
      {progress?.complaintTicket ? (
        <TicketProgress
          token={token}
          ticket={progress.complaintTicket}
          title="投诉处理进度"
          onChange={update('complaintTicket')}
        />
      ) : null}
      {remote.kind === 'loading' ? (
        <Text className="muted rated__loading" {...ariaLive}>
          正在加载整改进度…
        </Text>
      ) : null}
      {remote.kind === 'error' ? (
        <View className="card" data-testid="progress-error">
          <Text className="text" {...ariaLive}>
            {mine?.ticketNo
              ? `整改工单 ${mine.ticketNo} 的进度暂时无法加载。`
              : '整改进度暂时无法加载。'}
          </Text>
          <Button className="btn btn--plain" {...a11y('重新加载整改进度')} onClick={reload}>
            重新加载
          </Button>
        </View>
      ) : null}
      <TransactionCard transaction={form.transaction} />
    </View>
  );
}
