import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS } from '@haochaping/domain';
import LoadState from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { listTickets, type TicketRow } from '../../services/staff-api';
import { formatDate } from '../../utils/format';
import { DueBadges, TicketNo, ticketSource } from '../components/row';
import { staffLoadTexts } from '../labels';
import './index.scss';

const QUEUE_SIZE = 50;

const LOAD_TEXTS = staffLoadTexts('暂时无法加载审核队列');

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
        page.items.map((t) => (
          <View key={t.id} className="staff-row" data-testid="queue-row">
            <TicketNo ticket={t} />
            <Text className={`staff-status staff-status--${t.status}`}>
              {TICKET_STATUS_LABELS[t.status]}
            </Text>
            <Text className="staff-row__cell">{ticketSource(t)}</Text>
            <Text className="staff-row__cell">{`生成于 ${formatDate(t.createdAt)}`}</Text>
            <DueBadges ticket={t} />
          </View>
        ))
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
