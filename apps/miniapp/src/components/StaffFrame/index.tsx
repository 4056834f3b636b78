import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@haochaping/domain';
import Button from '../Button';
import { ROUTES } from '../../constants';
import { useUnreadNotices } from '../../hooks/useUnreadNotices';
import { endStaffSession, goStaffLogin, type StaffUser } from '../../services/staff-session';
import { a11y } from '../../utils/a11y';
import './index.scss';

interface NavItem {
  label: string;
  route: string;
  /** Shows the unread to-do notices beside the label. */
  unread?: boolean;
}

const HOME: NavItem = { label: '工作台', route: ROUTES.staffHome };
// Window clerks get no notices (no ticket event concerns them); administrators watch the
// delivery of outgoing messages instead (消息发送).
const NOTICES: NavItem = { label: '通知', route: ROUTES.staffNotices, unread: true };
const TICKETS: NavItem = { label: '整改工单', route: ROUTES.staffTickets };
const DASHBOARD: NavItem = { label: '数据看板', route: ROUTES.staffDashboard };

/** Where each role can go: the side navigation (a row of links on a phone). */
export const STAFF_NAV: Record<Role, NavItem[]> = {
  window: [
    HOME,
    { label: '登记办件', route: ROUTES.staffRegister },
    { label: '近期办件', route: ROUTES.staffRecent },
    { label: '评价器', route: ROUTES.staffKiosk },
  ],
  department: [HOME, NOTICES, TICKETS, DASHBOARD],
  supervisor: [
    HOME,
    NOTICES,
    TICKETS,
    { label: '审核队列', route: ROUTES.staffReview },
    DASHBOARD,
    { label: '省平台推送', route: ROUTES.staffOutbox },
  ],
  admin: [
    HOME,
    { label: '组织机构', route: ROUTES.staffOrg },
    { label: '系统用户', route: ROUTES.staffUsers },
    { label: '接口密钥', route: ROUTES.staffKeys },
    { label: '系统设置', route: ROUTES.staffSettings },
    { label: '工作日历', route: ROUTES.staffCalendar },
    { label: '操作日志', route: ROUTES.staffAudit },
    { label: '消息发送', route: ROUTES.staffOutbox },
    DASHBOARD,
  ],
};

function currentRoute(): string {
  const path = Taro.getCurrentInstance().router?.path ?? '';
  return path.split('?')[0];
}

/**
 * Every staff screen: who is signed in and in which role, 退出登录, the role's navigation and the
 * screen's title. Not the citizen's frame: no 长辈模式 switch, and a layout that uses a desktop
 * screen (navigation at the side from 1024 px, a row above the content on a phone).
 */
export default function StaffFrame(props: {
  title: string;
  testId: string;
  user: StaffUser;
  children: ReactNode;
  /** The nav entry this screen belongs to, when it is not itself an entry (a ticket's detail). */
  section?: string;
}) {
  const route = currentRoute();
  const here = props.section ?? route;
  const nav = STAFF_NAV[props.user.role];
  const unread = useUnreadNotices(nav.some((item) => item.unread));
  return (
    <View className="staff" data-testid={props.testId}>
      <View className="staff__bar" {...a11y('页头', { role: 'banner' })}>
        <Text className="staff__brand">好差评 · 工作台</Text>
        <View className="staff__who">
          <Text className="staff__user" data-testid="staff-user">
            {`${props.user.username}（${ROLE_LABELS[props.user.role]}）`}
          </Text>
          <Button
            className="staff__logout"
            data-testid="logout"
            {...a11y('退出登录')}
            onClick={() => {
              endStaffSession();
              goStaffLogin();
            }}
          >
            退出登录
          </Button>
        </View>
      </View>
      <View className="staff__body">
        <View className="staff__nav" {...a11y('工作台导航', { role: 'navigation' })}>
          {nav.map((item) => {
            const on = item.route === here;
            const count = item.unread && unread ? unread : 0;
            // The name holds the visible text: 通知 3 条未读.
            const badge = count > 99 ? '99+' : String(count);
            return (
              <Button
                key={item.route}
                className={`staff__nav-item ${on ? 'staff__nav-item--on' : ''}`}
                data-testid={`nav-${item.route.split('/')[2]}`}
                {...a11y(count ? `${item.label} ${badge} 条未读` : item.label, { current: on })}
                onClick={() => {
                  // From a ticket's detail, its highlighted entry still leads back to the list.
                  if (item.route !== route) void Taro.redirectTo({ url: item.route });
                }}
              >
                {item.label}
                {count ? (
                  <Text className="staff__unread" data-testid="unread-badge">
                    {badge}
                  </Text>
                ) : null}
              </Button>
            );
          })}
        </View>
        <View className="staff__main" {...a11y(props.title, { role: 'main' })}>
          <Text className="staff__title" {...a11y(props.title, { role: 'heading', level: 1 })}>
            {props.title}
          </Text>
          {props.children}
        </View>
      </View>
    </View>
  );
}
