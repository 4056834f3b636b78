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
  | { kind: 'citizen'; citizenId: number }
  /**
   * Whoever holds a rating token (the link of one transaction): the citizen who rated, without a
   * login. It may act only on the ticket of that transaction (认可 / 不认可).
   */
  | { kind: 'ratingToken'; transactionId: number };

export interface CitizenTokenPayload {
  sub: number;
  typ: 'citizen';
}

export interface StaffTokenPayload {
  sub: number;
  typ: 'staff';
  role: Role;
  /** users.tokenVersion when the token was issued (absent from tokens issued before it: 0). */
  ver?: number;
}

/**
 * The department a caller is confined to: a department handler sees only its own department's
 * tickets and ratings, whatever it asks for; everyone else is not confined (undefined).
 */
export function confinedDepartment(principal: Principal): number | undefined {
  return principal.kind === 'staff' && principal.role === 'department'
    ? (principal.departmentId ?? undefined)
    : undefined;
}

/**
 * The window a caller is confined to: a window clerk sees only its own window's transactions and
 * kiosk (a clerk without a window, none: 0 names no window); everyone else is not confined
 * (undefined).
 */
export function confinedWindow(principal: Principal): number | undefined {
  return principal.kind === 'staff' && principal.role === 'window'
    ? (principal.windowId ?? 0)
    : undefined;
}
