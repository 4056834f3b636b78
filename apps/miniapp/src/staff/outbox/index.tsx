import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  OUTBOX_CHANNEL_LABELS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUS_LABELS,
  OUTBOX_STATUSES,
} from '@haochaping/domain';
import AdminChoice from '../../components/AdminChoice';
import { type AdminColumn } from '../../components/AdminTable';
import { ROUTES } from '../../constants';
import { listOutbox, retryOutbox, type OutboxMessage } from '../../services/admin-api';
import { errorMessage } from '../../services/request';
import { ariaLive } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { adminScreen } from '../components/admin-screen';
import { AdminList, usePaged } from '../components/paged-list';
import { NoValue, RowButton } from '../components/row';
import './index.scss';

/** What each message tells its recipient. */
const KIND_LABELS: Record<string, string> = {
  ticket_accepted: '工单已受理',
  reply_approved: '整改已办结',
  ticket_reopened: '重新办理',
};

const STATUS_OPTIONS = [
  { value: '', text: '全部' },
  ...OUTBOX_STATUSES.map((s) => ({ value: s, text: OUTBOX_STATUS_LABELS[s] })),
];
const CHANNEL_OPTIONS = [
  { value: '', text: '全部' },
  ...OUTBOX_CHANNELS.map((c) => ({ value: c, text: OUTBOX_CHANNEL_LABELS[c] ?? c })),
];

/** 'citizen:12' → 群众 #12: whom a message is for, by internal id (never an openid). */
function recipientLabel(recipient: string): string {
  const [kind, id] = recipient.split(':');
  return kind === 'citizen' ? `群众 #${id}` : recipient;
}

/** When it went, will be tried next, or was tried last. */
function whenText(m: OutboxMessage): string {
  if (m.sentAt) return `发送于 ${formatDateTime(m.sentAt)}`;
  if (m.status === 'pending') {
    return m.attempts > 0 && m.nextAttemptAt
      ? `下次尝试 ${formatDateTime(m.nextAttemptAt)}`
      : '等待发送';
  }
  return `最后尝试 ${formatDateTime(m.updatedAt)}`;
}

function OutboxScreen() {
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [busy, setBusy] = useState(0);
  const [notice, setNotice] = useState('');
  const messages = usePaged(JSON.stringify({ status, channel }), '条', (page, pageSize) =>
    listOutbox({
      page,
      pageSize,
      ...(status ? { status } : {}),
      ...(channel ? { channel } : {}),
    }),
  );

  const retry = (m: OutboxMessage) => {
    if (busy) return;
    setBusy(m.id);
    setNotice('');
    retryOutbox(m.id).then(
      () => {
        setBusy(0);
        setNotice(`消息 #${m.id} 已重新排队，将在几秒内发送`);
        messages.reload();
      },
      (e: unknown) => {
        setBusy(0);
        setNotice(errorMessage(e));
        messages.reload();
      },
    );
  };

  const columns: AdminColumn<OutboxMessage>[] = [
    { label: '生成时间', width: '1fr', render: (m) => formatDateTime(m.createdAt) },
    {
      label: '消息',
      width: '1.6fr',
      render: (m) => (
        <View className="outbox-what">
          <Text className="outbox-kind">{KIND_LABELS[m.kind] ?? m.kind}</Text>
          {m.ticketNo ? <Text className="admin-muted">{`工单 ${m.ticketNo}`}</Text> : null}
          <Text className="admin-muted">
            {`${OUTBOX_CHANNEL_LABELS[m.channel] ?? m.channel} → ${recipientLabel(m.recipient)}`}
          </Text>
        </View>
      ),
    },
    {
      label: '状态',
      width: '1fr',
      render: (m) => (
        <View className="outbox-what">
          <Text className={`outbox-status outbox-status--${m.status}`} data-testid="outbox-status">
            {OUTBOX_STATUS_LABELS[m.status]}
          </Text>
          <Text className="admin-muted">{`已尝试 ${m.attempts}/${m.maxAttempts} 次`}</Text>
        </View>
      ),
    },
    { label: '时间', width: '1.1fr', render: (m) => whenText(m) },
    {
      label: '最近错误',
      width: '1.6fr',
      render: (m) => <Text className="outbox-error">{m.lastError ?? '—'}</Text>,
    },
    {
      label: '操作',
      width: '0.7fr',
      render: (m) =>
        m.status === 'failed' || m.status === 'skipped' ? (
          <RowButton
            tone="ghost"
            testId="outbox-retry"
            name={`重试消息 #${m.id}`}
            busy={busy === m.id}
            onClick={() => retry(m)}
          >
            {busy === m.id ? '重试中…' : '重试'}
          </RowButton>
        ) : (
          <NoValue />
        ),
    },
  ];

  return (
    <View data-testid="outbox">
      <AdminChoice
        label="发送状态"
        options={STATUS_OPTIONS}
        value={status}
        onChange={(v) => {
          setStatus(v);
          messages.restart();
        }}
        testId="outbox-status-filter"
      />
      <AdminChoice
        label="渠道"
        options={CHANNEL_OPTIONS}
        value={channel}
        onChange={(v) => {
          setChannel(v);
          messages.restart();
        }}
        testId="outbox-channel-filter"
      />
      {notice ? (
        <Text className="outbox-notice" data-testid="outbox-notice" {...ariaLive}>
          {notice}
        </Text>
      ) : null}
      <AdminList
        list={messages}
        what="发送记录"
        empty="没有符合条件的消息"
        intro={
          <Text className="admin-muted outbox-order">
            最新的在前。失败的消息按 30 秒起、逐次加倍（最长 1
            小时）自动重试；失败或跳过的可手动重试。
          </Text>
        }
        label="消息发送记录"
        columns={columns}
        name="outbox"
        rowTestId="outbox-row"
      />
    </View>
  );
}

/** 消息发送: delivery of the WeChat subscribe messages (and later pushes), with 重试. */
export default adminScreen(
  { route: ROUTES.staffOutbox, title: '消息发送', testId: 'staff-outbox' },
  OutboxScreen,
);
