import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_KIND_LABELS } from '@haochaping/domain';
import Button from '../../components/Button';
import LoadState from '../../components/LoadState';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useRemote } from '../../hooks/useRemote';
import { useStaffSession } from '../../hooks/useStaffSession';
import { NOTICES_CHANGED } from '../../hooks/useUnreadNotices';
import { listNotices, markNoticesRead, type Notice } from '../../services/staff-api';
import { a11y } from '../../utils/a11y';
import { formatDateTime } from '../../utils/format';
import { openPage } from '../../utils/nav';
import { staffLoadTexts } from '../labels';
import './index.scss';

const LOAD_TEXTS = staffLoadTexts('暂时无法加载通知');

/** Marks notices read and tells every unread badge. A failure leaves them unread, no more. */
async function markRead(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    await markNoticesRead(ids);
  } catch {
    // Still unread: shown so next time.
  }
  Taro.eventCenter.trigger(NOTICES_CHANGED);
}

/** 通知: the to-do notices of the signed-in handler or supervisor; each opens its ticket. */
export default function StaffNoticesPage() {
  const session = useStaffSession(ROUTES.staffNotices);
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [notices, reload] = useRemote(session ? `notices|${String(unreadOnly)}` : null, () =>
    listNotices(unreadOnly ? true : undefined),
  );
  // Back from a ticket: what was opened is read now.
  useDidShow(() => reload());
  if (!session) return null;

  const open = async (n: Notice) => {
    if (!n.read) await markRead([n.id]);
    if (n.ticketId) openPage(ROUTES.staffTicket, { id: n.ticketId });
    else reload();
  };

  const tab = (value: boolean, label: string) => (
    <Button
      className={`staff-tab ${unreadOnly === value ? 'staff-tab--on' : ''}`}
      data-testid={`notices-${value ? 'unread' : 'all'}`}
      {...a11y(label, { role: 'tab', selected: unreadOnly === value })}
      onClick={() => setUnreadOnly(value)}
    >
      {label}
    </Button>
  );

  const unreadShown =
    notices.kind === 'ready' ? notices.data.items.filter((n) => !n.read).map((n) => n.id) : [];

  return (
    <StaffFrame title="通知" testId="staff-notices" user={session.user}>
      <View className="notices-bar">
        <View className="staff-tabs" {...a11y('通知范围', { role: 'tablist' })}>
          {tab(true, '未读')}
          {tab(false, '全部')}
        </View>
        {unreadShown.length ? (
          <Button
            className="staff-tab notices-bar__all"
            data-testid="notices-read-all"
            {...a11y('全部标为已读')}
            onClick={() => {
              void markRead(unreadShown).then(reload);
            }}
          >
            全部标为已读
          </Button>
        ) : null}
      </View>
      {notices.kind !== 'ready' ? (
        <LoadState state={notices} texts={LOAD_TEXTS} onRetry={reload} />
      ) : notices.data.items.length === 0 ? (
        <Text className="staff-empty" data-testid="notices-empty">
          {unreadOnly ? '没有未读通知' : '还没有通知'}
        </Text>
      ) : (
        <View className="staff-table" data-testid="notices-list">
          {notices.data.items.map((n) => (
            <View
              key={n.id}
              className={`notice ${n.read ? '' : 'notice--unread'}`}
              data-testid="notice"
            >
              <Text className={`notice__kind notice__kind--${n.kind}`}>
                {NOTICE_KIND_LABELS[n.kind]}
              </Text>
              <View className="notice__body">
                <Button
                  className="notice__title"
                  data-testid="notice-open"
                  {...a11y(
                    `${n.read ? '' : '未读：'}${n.title}${n.ticketNo ? `，工单 ${n.ticketNo}` : ''}`,
                  )}
                  onClick={() => {
                    void open(n);
                  }}
                >
                  {n.title}
                </Button>
                <Text className="notice__meta">
                  {[n.ticketNo ? `工单 ${n.ticketNo}` : '', formatDateTime(n.createdAt)]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </View>
            </View>
          ))}
          {notices.data.total > notices.data.items.length ? (
            <Text className="notice__more">{`仅显示最新的 ${notices.data.items.length} 条，共 ${notices.data.total} 条`}</Text>
          ) : null}
        </View>
      )}
    </StaffFrame>
  );
}
