import { Text, View } from '@tarojs/components';
import Button from '../Button';
import {
  availableActions,
  isRatingLevel,
  LEVEL_LABELS,
  TICKET_STATUS_LABELS,
  type TicketStatus,
} from '@haochaping/domain';
import type { MyRating } from '../../services/api';
import { a11y, ariaHidden } from '../../utils/a11y';
import { formatDate, formatDateTime } from '../../utils/format';
import './index.scss';

/** The usual road of a ticket, for the timeline. */
const ROAD: TicketStatus[] = ['open', 'in_progress', 'submitted', 'closed'];

function Timeline({ status }: { status: TicketStatus }) {
  const at = ROAD.indexOf(status);
  if (at < 0) {
    return (
      <View className="timeline timeline--off">
        <Text className="timeline__off">{TICKET_STATUS_LABELS[status]}</Text>
      </View>
    );
  }
  return (
    <View
      className="timeline"
      data-testid="ticket-timeline"
      {...a11y(`办理进度：${TICKET_STATUS_LABELS[status]}`)}
    >
      {ROAD.map((s, i) => (
        <View
          key={s}
          className={`timeline__step ${i <= at ? 'timeline__step--done' : ''} ${
            i === at ? 'timeline__step--current' : ''
          }`}
          {...ariaHidden}
        >
          <View className="timeline__dot" />
          <Text className="timeline__label">{TICKET_STATUS_LABELS[s]}</Text>
        </View>
      ))}
    </View>
  );
}

interface Props {
  rating: MyRating;
  busy?: boolean;
  onVerdict?: (ticketNo: string, accepted: boolean) => void;
  /** The ticket a progress message opened (pages/mine/index?ticketNo=…): shown first, marked. */
  focused?: boolean;
}

/** One of "my ratings": the rating, and its rectification ticket with status, reply, verdict. */
export default function TicketCard({ rating, busy = false, onVerdict, focused = false }: Props) {
  const { ticket, transaction } = rating;
  const levelLabel = isRatingLevel(rating.level) ? LEVEL_LABELS[rating.level] : '';
  // A closed ticket awaits the citizen's verdict (refusing reopens it, once).
  const awaitingVerdict =
    !!ticket &&
    availableActions(ticket.status, 'citizen').includes('citizen_refuse') &&
    (ticket.citizenAccepted === undefined || ticket.citizenAccepted === null);
  return (
    <View
      className={`card ticket-card ${focused ? 'ticket-card--focused' : ''}`}
      data-testid="my-rating"
    >
      <View className="ticket-card__head">
        <Text className="ticket-card__item">{transaction?.serviceItemName ?? '办件'}</Text>
        <Text className={`ticket-card__level ticket-card__level--${rating.level}`}>
          {levelLabel}
        </Text>
      </View>
      <Text className="muted">
        {[transaction?.departmentName, formatDateTime(rating.createdAt)]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {rating.comment ? <Text className="text ticket-card__comment">{rating.comment}</Text> : null}
      {ticket ? (
        <View className="ticket-card__ticket">
          <View className="ticket-card__row">
            <Text className="muted">{`工单号 ${ticket.ticketNo}`}</Text>
            <Text
              className={`ticket-status ticket-status--${ticket.status}`}
              data-testid="ticket-status"
            >
              {TICKET_STATUS_LABELS[ticket.status] ?? ticket.status}
            </Text>
          </View>
          <Timeline status={ticket.status} />
          {ticket.dueAt && ticket.status !== 'closed' && ticket.status !== 'voided' ? (
            <Text className="muted">{`承诺办结：${formatDate(ticket.dueAt)}前`}</Text>
          ) : null}
          {ticket.reply ? (
            <View className="ticket-card__reply">
              <Text className="ticket-card__reply-title">部门答复</Text>
              <Text className="text">{ticket.reply}</Text>
            </View>
          ) : null}
          {ticket.citizenAccepted === true ? <Text className="muted">您已认可该答复</Text> : null}
          {awaitingVerdict && onVerdict ? (
            <View className="ticket-card__actions">
              <Button
                className={`btn btn--primary btn--small ${busy ? 'btn--disabled' : ''}`}
                disabled={busy}
                data-testid="ticket-accept"
                {...a11y(`认可工单${ticket.ticketNo}的处理结果`)}
                onClick={() => onVerdict(ticket.ticketNo, true)}
              >
                认可处理结果
              </Button>
              <Button
                className={`btn btn--plain btn--small ${busy ? 'btn--disabled' : ''}`}
                disabled={busy}
                data-testid="ticket-refuse"
                {...a11y(`不认可工单${ticket.ticketNo}的处理结果，重新办理`)}
                onClick={() => onVerdict(ticket.ticketNo, false)}
              >
                不认可
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      {rating.followUp ? (
        <Text className="muted ticket-card__follow">{`追评：${rating.followUp.comment}`}</Text>
      ) : null}
    </View>
  );
}
