import type { ComponentType } from 'react';
import type { Role } from '@haochaping/domain';
import AdminPage from '../../components/AdminPage';
import type { StaffSession } from '../../services/staff-session';

/**
 * The page of an admin screen: AdminPage's frame (the login first, 无权限 for an account of
 * another role) around `Screen`, which gets the session.
 */
export function adminScreen(
  page: {
    route: string;
    title: string | ((role: Role) => string);
    testId: string;
    roles?: Role[];
  },
  Screen: ComponentType<{ session: StaffSession }>,
) {
  return function StaffAdminPage() {
    return <AdminPage {...page}>{(session) => <Screen session={session} />}</AdminPage>;
  };
}
