import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CHANNEL_LABELS, LEVEL_LABELS } from '@haochaping/domain';
import StaffFrame from '../../components/StaffFrame';
import { ROUTES } from '../../constants';
import { useStaffSession } from '../../hooks/useStaffSession';
import { listRatings } from '../../services/staff-api';
import { formatDateTime } from '../../utils/format';
import { routeParam } from '../../utils/nav';
import { StaffRows, usePaged } from '../components/paged-list';
import { staffLoadTexts } from '../labels';
import './index.scss';

const FILTERS = ['departmentId', 'windowId', 'staffId', 'month', 'level'] as const;

const LOAD_TEXTS = staffLoadTexts('暂时无法加载评价', '请从数据看板重新进入。');

/**
 * 评价明细: the ratings behind a count of the ranking (the row's filters come in the page's
 * parameters), paged. What was said, never who said it.
 */
export default function StaffRatingsPage() {
  const session = useStaffSession(ROUTES.staffRatings);
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const filters: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = routeParam(params, f);
    if (v) filters[f] = v;
  }
  const title = routeParam(params, 'title');
  const list = usePaged(session ? JSON.stringify(filters) : null, '条', (page, pageSize) =>
    listRatings({ ...filters, page, pageSize }),
  );
  if (!session) return null;
  const heading = `${title || '评价明细'}${filters.month ? ` · ${filters.month}` : ''}`;
  return (
    <StaffFrame
      title={heading}
      testId="staff-ratings"
      user={session.user}
      section={ROUTES.staffDashboard}
    >
      <StaffRows list={list} texts={LOAD_TEXTS} empty="没有符合条件的评价" name="ratings">
        {(items) =>
          items.map((r) => (
            <View key={r.id} className="staff-row rating-row" data-testid="rating-row">
              <Text className={`rating-row__level rating-row__level--${r.level}`}>
                {LEVEL_LABELS[r.level]}
              </Text>
              <Text className="staff-row__cell">{r.transactionNo ?? '—'}</Text>
              <Text className="staff-row__cell">{CHANNEL_LABELS[r.channel]}</Text>
              <Text className="staff-row__cell">{formatDateTime(r.createdAt)}</Text>
              {r.voided ? <Text className="staff-badge staff-badge--soon">已作废</Text> : null}
              {r.tags.length > 0 ? (
                <Text className="rating-row__tags">{r.tags.join('、')}</Text>
              ) : null}
              {r.comment ? <Text className="rating-row__comment">{r.comment}</Text> : null}
            </View>
          ))
        }
      </StaffRows>
    </StaffFrame>
  );
}
