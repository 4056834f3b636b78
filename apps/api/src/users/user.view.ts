import type { Role } from '@haochaping/domain';
import type { User } from './entities/user.entity';

/** What the API shows of a user: never the hash or lock-out counters. */
export interface UserView {
  id: number;
  username: string;
  role: Role;
  departmentId: number | null;
  windowId: number | null;
  enabled: boolean;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    windowId: user.windowId,
    enabled: user.enabled,
  };
}
