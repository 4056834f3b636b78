import { Text, View } from '@tarojs/components';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useStaffSession } from '../../hooks/useStaffSession';
import { recentTransactions, type RecentTransaction } from '../../services/staff-api';
import { formatDateTime } from '../../utils/format';
import { StaffRows, usePaged } from '../components/paged-list';
import { staffLoadTexts } from '../labels';
import './index.scss';

const LOAD_TEXTS = staffLoadTexts('暂时无法加载办件', '该账号未绑定窗口，请联系系统管理员。');

/** Rated, complained about, waiting, or past its rating period: never how or by whom. */
function stateOf(t: RecentTransaction, now: number): { text: string; tone: string } {
  if (t.rated) return { text: '已评价', tone: 'done' };
  if (t.complained) return { text: '已投诉', tone: 'done' };
  if (new Date(t.expiresAt).getTime() <= now) return { text: '已过评价期', tone: 'off' };
  return { text: '待评价', tone: 'wait' };
}

/** 近期办件: the window's transactions, newest first, with whether each was rated. */
export default function StaffRecentPage() {
  const session = useStaffSession(ROUTES.staffRecent);
  const list = usePaged(session?.user.windowId ? 'recent' : null, '件', recentTransactions);
  if (!session) return null;
  const now = Date.now();
  return (
    <StaffFrame title="近期办件" testId="staff-recent" user={session.user}>
      <Text className="recent__hint">只显示是否已评价，不显示评价内容和评价人。</Text>
      <StaffRows list={list} texts={LOAD_TEXTS} empty="本窗口还没有登记办件" name="recent">
        {(items) =>
          items.map((t) => {
            const state = stateOf(t, now);
            return (
              <View key={t.id} className="staff-row" data-testid="recent-row">
                <Text className="recent__no">{t.transactionNo}</Text>
                <Text
                  className={`recent__state recent__state--${state.tone}`}
                  data-testid="recent-state"
                >
                  {state.text}
                </Text>
                <Text className="staff-row__cell">{t.serviceItemName}</Text>
                <Text className="staff-row__cell">{`经办人 ${t.staffName}`}</Text>
                <Text className="staff-row__cell">{`办结 ${formatDateTime(t.finishedAt)}`}</Text>
              </View>
            );
          })
        }
      </StaffRows>
    </StaffFrame>
  );
}
