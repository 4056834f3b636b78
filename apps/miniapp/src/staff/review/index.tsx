import { Text, View } from '@tarojs/components';
import { LEVEL_LABELS, TICKET_STATUS_LABELS } from '@haochaping/domain';
import Button from '../../components/Button';
import LoadState, { type LoadTexts } from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { listTickets, type TicketRow } from '../../services/staff-api';
import { a11y } from '../../utils/a11y';
import { formatDate } from '../../utils/format';
import { openPage } from '../../utils/nav';
import { dueBadge, SOURCE_LABELS } from '../labels';
import './index.scss';

const QUEUE_SIZE = 50;

const LOAD_TEXTS: LoadTexts = {
  invalid: '请返回工作台重新进入。',
  expiredTitle: '登录已过期',
  expired: '请重新登录。',
  errorTitle: '暂时无法加载审核队列',
};

/** 审核队列: submitted results and appeals waiting for the supervisor, oldest first. */
export default function StaffReviewPage() {
  const session = useStaffSession(ROUTES.staffReview);
  const [queues, reload] = useRemote(session ? 'queues' : null, async () => {
    const [submitted, appealed] = await Promise.all(
      (['submitted', 'appealed'] as const).map((status) =>
        listTickets({ status, order: 'oldest', page: 1, pageSize: QUEUE_SIZE }),
      ),
    );
    return { submitted, appealed };
  });
  if (!session) return null;

  const section = (title: string, page: { items: TicketRow[]; total: number }, testId: string) => (
    <View className="staff-card" data-testid={testId}>
      <Text className="staff-card__title">{`${title}（${page.total}）`}</Text>
      {page.items.length === 0 ? (
        <Text className="staff-empty">暂无待办</Text>
      ) : (
        page.items.map((t) => {
          const badge = dueBadge(t);
          return (
            <View key={t.id} className="staff-row" data-testid="queue-row">
              <Button
                className="staff-row__no"
                {...a11y(`工单 ${t.ticketNo}`)}
                onClick={() => openPage(ROUTES.staffTicket, { id: t.id })}
              >
                {t.ticketNo}
              </Button>
              <Text className={`staff-status staff-status--${t.status}`}>
                {TICKET_STATUS_LABELS[t.status]}
              </Text>
              <Text className="staff-row__cell">
                {t.level
                  ? `${SOURCE_LABELS[t.source]} · ${LEVEL_LABELS[t.level]}`
                  : SOURCE_LABELS[t.source]}
              </Text>
              <Text className="staff-row__cell">{`生成于 ${formatDate(t.createdAt)}`}</Text>
              {badge ? (
                <Text className={`staff-badge staff-badge--${badge.tone}`}>{badge.text}</Text>
              ) : null}
            </View>
          );
        })
      )}
      {page.total > page.items.length ? (
        <Text className="ticket-line">{`仅显示最早的 ${page.items.length} 件，办理后其余依次显示`}</Text>
      ) : null}
    </View>
  );

  return (
    <StaffFrame title="审核队列" testId="staff-review" user={session.user}>
      {queues.kind !== 'ready' ? (
        <LoadState state={queues} texts={LOAD_TEXTS} onRetry={reload} />
      ) : (
        <View>
          {section('待审核整改结果', queues.data.submitted, 'queue-submitted')}
          {section('待复核申诉', queues.data.appealed, 'queue-appealed')}
        </View>
      )}
    </StaffFrame>
  );
}
