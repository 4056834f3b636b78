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
import type { StaffSession } from '../../services/staff-session';
import { adminScreen } from '../components/admin-screen';
import { AdminList, usePaged } from '../components/paged-list';
import { NoValue, RowButton } from '../components/row';
import './index.scss';

/** What each message tells its recipient. */
const KIND_LABELS: Record<string, string> = {
  ticket_accepted: '工单已受理',
  reply_approved: '整改已办结',
  ticket_reopened: '重新办理',
  evaluation: '评价',
  follow_up: '追评',
  rectification: '整改结果',
};

/** A push the platform already had counts as delivered. */
const PUSH_STATUS_LABELS: Record<string, string> = {
  ...OUTBOX_STATUS_LABELS,
  duplicate: '已发送（平台已有）',
};

/** The province gateway's receipt, short: its HTTP status and what it said. */
function receiptText(receipt: string | null): string | null {
  if (!receipt) return null;
  try {
    const r = JSON.parse(receipt) as { http?: number; body?: string };
    return `平台回执：HTTP ${r.http ?? '?'} ${(r.body ?? '').slice(0, 80)}`;
  } catch {
    return `平台回执：${receipt.slice(0, 80)}`;
  }
}

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
  if (recipient === 'province') return '省好差评平台';
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

function OutboxScreen({ session }: { session: StaffSession }) {
  // A supervisor watches and re-pushes the provincial pushes only (the API keeps to that too).
  const pushesOnly = session.user.role === 'supervisor';
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState(pushesOnly ? 'province' : '');
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
            {PUSH_STATUS_LABELS[m.pushStatus] ?? OUTBOX_STATUS_LABELS[m.status]}
          </Text>
          <Text className="admin-muted">{`已尝试 ${m.attempts}/${m.maxAttempts} 次`}</Text>
        </View>
      ),
    },
    { label: '时间', width: '1.1fr', render: (m) => whenText(m) },
    {
      label: '结果说明',
      width: '1.6fr',
      // The error when there is one (it quotes the gateway's answer), else the receipt.
      render: (m) =>
        m.lastError ? (
          <Text className="outbox-error">{m.lastError}</Text>
        ) : m.receipt ? (
          <Text className="admin-muted" data-testid="outbox-receipt">
            {receiptText(m.receipt)}
          </Text>
        ) : (
          <NoValue />
        ),
    },
    {
      label: '操作',
      width: '0.7fr',
      render: (m) =>
        m.status === 'failed' || m.status === 'skipped' ? (
          <RowButton
            tone="ghost"
            testId="outbox-retry"
            name={`${m.channel === 'province' ? '重新推送' : '重试消息'} #${m.id}`}
            busy={busy === m.id}
            onClick={() => retry(m)}
          >
            {busy === m.id ? '重试中…' : m.channel === 'province' ? '重新推送' : '重试'}
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
      {pushesOnly ? null : (
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
      )}
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
            {pushesOnly
              ? '向省好差评平台推送的评价、追评和整改结果，最新的在前。失败的推送按 30 秒起、逐次加倍自动重试；失败的可手动重新推送。事项没有国家标准编码的（自建事项）不推送，并注明原因。'
              : '最新的在前。失败的消息按 30 秒起、逐次加倍（最长 1 小时）自动重试；失败或跳过的可手动重试。'}
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

/**
 * 消息发送: delivery of the WeChat subscribe messages and the provincial pushes, with 重试; a
 * supervisor's 省平台推送 is the same screen kept to the pushes.
 */
export default adminScreen(
  {
    route: ROUTES.staffOutbox,
    title: (role) => (role === 'supervisor' ? '省平台推送' : '消息发送'),
    testId: 'staff-outbox',
    roles: ['admin', 'supervisor'],
  },
  OutboxScreen,
);
