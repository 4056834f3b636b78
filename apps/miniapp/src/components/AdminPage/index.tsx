import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { Role } from '@haochaping/domain';
import StaffFrame from '../StaffFrame';
import { NoAccess } from '../AdminLoad';
import { useStaffSession } from '../../hooks/useStaffSession';
import type { StaffSession } from '../../services/staff-session';
import '../AdminTable/index.scss';

/**
 * An admin screen in the workspace frame. Without a session: the login first. An account of
 * another role sees 无权限 and the screen's content never loads (the API would answer 403).
 */
export default function AdminPage(props: {
  route: string;
  /** The screen's title, or one per role where a role sees the screen kept to its part. */
  title: string | ((role: Role) => string);
  testId: string;
  /** Roles the API lets in (default: admin only). */
  roles?: Role[];
  children: (session: StaffSession) => ReactNode;
}) {
  const session = useStaffSession(props.route);
  if (!session) return null;
  const allowed = (props.roles ?? ['admin']).includes(session.user.role);
  return (
    <StaffFrame
      title={typeof props.title === 'string' ? props.title : props.title(session.user.role)}
      testId={props.testId}
      user={session.user}
    >
      <View className="admin-screen">{allowed ? props.children(session) : <NoAccess />}</View>
    </StaffFrame>
  );
}
