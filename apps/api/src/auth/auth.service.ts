import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { User } from '../users/entities/user.entity';
import { toUserView, type UserView } from '../users/user.view';
import { decoyHash, verifyPassword } from './password';
import type { StaffTokenPayload } from './principal';
import { Clock } from '../common/clock';

/** After this many consecutive failures the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: UserView;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string, now = this.clock.now()): Promise<LoginResult> {
    const user = await this.users.findOneBy({ username });
    if (!user) {
      await verifyPassword(password, await decoyHash());
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(
        'LOGIN_LOCKED',
        `Too many failed logins; try again after ${user.lockedUntil.toISOString()}`,
      );
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok) {
      await this.recordFailure(user.id, now);
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    // Only someone who knows the password learns that the account is disabled.
    if (!user.enabled) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    const payload: StaffTokenPayload = {
      sub: user.id,
      typ: 'staff',
      role: user.role,
      ver: user.tokenVersion,
    };
    const accessToken = await this.jwt.signAsync(payload);
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: decoded.exp - decoded.iat, user: toUserView(user) };
  }

  /** Increments atomically so parallel guesses cannot slip past the limit. */
  private async recordFailure(userId: number, now: Date): Promise<void> {
    await this.users.increment({ id: userId }, 'failedLogins', 1);
    const fresh = await this.users.findOneByOrFail({ id: userId });
    if (fresh.failedLogins >= MAX_FAILED_LOGINS) {
      await this.users.update(userId, {
        failedLogins: 0,
        lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000),
      });
    }
  }
}
