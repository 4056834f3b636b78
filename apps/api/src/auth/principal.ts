import type { Role } from '@haochaping/domain';

/** Who is calling, as established by the auth guard. */
export type Principal =
  | {
      kind: 'staff';
      userId: number;
      username: string;
      role: Role;
      departmentId: number | null;
      windowId: number | null;
    }
  | { kind: 'apiKey'; apiKeyId: number; name: string }
  | { kind: 'citizen'; citizenId: number };

export interface CitizenTokenPayload {
  sub: number;
  typ: 'citizen';
}

export interface StaffTokenPayload {
  sub: number;
  typ: 'staff';
  role: Role;
}
