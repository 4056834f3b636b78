import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ACTIVE_STATUSES, OUTCOME_LABELS } from '@haochaping/domain';
import Button from '../Button';
import TextField from '../TextField';
import TicketNo from '../TicketNo';
import { IS_H5 } from '../../constants';
import { tokenAcceptance, type TicketProgress as Progress } from '../../services/api';
import { errorMessage } from '../../services/request';
import { a11y, ariaLive } from '../../utils/a11y';
import { formatDate, formatDateTime } from '../../utils/format';
import './index.scss';

interface Props {
  /** The rating token the citizen opened: the capability for the verdict. */
  token: string;
  ticket: Progress;
  title?: string;
  onChange: (ticket: Progress) => void;
}

const listRole = (role: 'list' | 'listitem') => (IS_H5 ? { role } : {});

/**
 * 整改进度 of one ticket as its citizen follows it: status, every step with its date, the
 * department's reply, and 认可 / 不认可 while the reply awaits their verdict (refusing reopens the
 * ticket, once, after a confirmation on the page itself).
 */
export default function TicketProgress({ token, ticket, title = '整改进度', onChange }: Props) {
  const [confirmRefuse, setConfirmRefuse] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const running = ACTIVE_STATUSES.includes(ticket.status);
  const outcome = ticket.outcome ? OUTCOME_LABELS[ticket.outcome] : '';

  const send = (accepted: boolean) => {
    if (busy) return;
    setBusy(true);
    setError('');
    tokenAcceptance(token, ticket.ticketNo, accepted, accepted ? undefined : reason.trim()).then(
      (fresh) => {
        setBusy(false);
        setConfirmRefuse(false);
        // 认可 shows as 「您已认可处理结果」 below the reply; 不认可 says what happens next.
        setDone(accepted ? '' : '已退回相关部门重新办理');
        onChange(fresh);
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <View className="card progress" data-testid="ticket-progress">
      <View className="progress__head">
        <Text
          className="card__title progress__title"
          {...a11y(title, { role: 'heading', level: 2 })}
        >
          {title}
        </Text>
        <Text
          className={`progress__status progress__status--${ticket.status}`}
          data-testid="progress-status"
        >
          {ticket.statusLabel}
        </Text>
      </View>
      <TicketNo
        ticketNo={ticket.ticketNo}
        label={ticket.source === 'complaint' ? '投诉工单号' : '整改工单号'}
        testId="progress-ticket-no"
      />
      {running ? (
        <Text className="muted progress__due" data-testid="progress-due">
          {`承诺办结：${formatDate(ticket.dueAt)}前`}
        </Text>
      ) : null}

      <View className="progress__timeline" data-testid="progress-timeline" {...listRole('list')}>
        {ticket.timeline.map((step, i) => (
          <View
            key={`${step.type}-${i}`}
            className={`progress__step ${i === ticket.timeline.length - 1 ? 'progress__step--last' : ''}`}
            data-testid="progress-step"
            {...listRole('listitem')}
          >
            <View className="progress__dot" />
            <View className="progress__step-text">
              <Text className="progress__step-label">{step.label}</Text>
              <Text className="progress__step-at">{formatDateTime(step.at)}</Text>
            </View>
          </View>
        ))}
      </View>

      {ticket.reply ? (
        <View className="progress__reply" data-testid="progress-reply">
          <Text className="progress__reply-title">
            {outcome ? `部门答复（${outcome}）` : '部门答复'}
          </Text>
          <Text className="text">{ticket.reply}</Text>
          {ticket.promisedDate ? (
            <Text className="muted">{`承诺整改完成日期：${formatDate(ticket.promisedDate)}`}</Text>
          ) : null}
        </View>
      ) : null}

      {ticket.citizenAccepted === true ? (
        <Text className="progress__verdict" data-testid="progress-accepted" {...ariaLive}>
          您已认可处理结果，感谢您的反馈
        </Text>
      ) : null}

      {ticket.canAccept && !confirmRefuse ? (
        <View className="progress__actions" data-testid="progress-actions">
          <Text className="text progress__ask">您对处理结果是否认可？</Text>
          <Button
            className={`btn btn--primary ${busy ? 'btn--disabled' : ''}`}
            disabled={busy}
            data-testid="progress-accept"
            {...a11y('认可')}
            onClick={() => send(true)}
          >
            认可
          </Button>
          {ticket.canRefuse ? (
            <Button
              className="btn btn--plain"
              disabled={busy}
              data-testid="progress-refuse"
              {...a11y('不认可')}
              onClick={() => setConfirmRefuse(true)}
            >
              不认可
            </Button>
          ) : (
            <Text className="muted">您已不认可过一次，如仍有意见可拨打 12345 反映</Text>
          )}
        </View>
      ) : null}

      {confirmRefuse ? (
        <View className="progress__confirm" data-testid="progress-confirm">
          <Text className="text" {...ariaLive}>
            不认可后，工单将退回相关部门重新办理。每个工单只能不认可一次。
          </Text>
          <TextField
            label="不认可的原因"
            value={reason}
            onChange={setReason}
            multiline
            maxLength={500}
            placeholder="请说明问题还在哪里（选填）"
            testId="refuse-reason"
          />
          <Button
            className={`btn btn--primary ${busy ? 'btn--disabled' : ''}`}
            disabled={busy}
            data-testid="progress-refuse-confirm"
            {...a11y('确认不认可')}
            onClick={() => send(false)}
          >
            确认不认可
          </Button>
          <Button
            className="btn btn--plain"
            data-testid="progress-refuse-cancel"
            {...a11y('取消')}
            onClick={() => setConfirmRefuse(false)}
          >
            取消
          </Button>
        </View>
      ) : null}

      {error || done ? (
        <Text
          className={`status-line ${error ? 'status-line--error' : 'status-line--done'}`}
          data-testid="progress-message"
          {...ariaLive}
        >
          {error || done}
        </Text>
      ) : null}
    </View>
  );
}
