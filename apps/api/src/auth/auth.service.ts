import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, retryLater } from '../common/domain-error';
import { User } from '../users/entities/user.entity';
import { toUserView, type UserView } from '../users/user.view';
import { decoyHash, verifyPassword } from './password';
import type { StaffTokenPayload } from './principal';
import { Clock } from '../common/clock';
import { LoginThrottle } from './login-throttle';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: UserView;
}

@Injectable()
export class AuthService {
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly clock: Clock,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
  ) {
    // Made at start, so the first unknown username is not slower than the others.
    void decoyHash();
  }

  /**
   * Checks a staff login from `address`. Throttled first (login-throttle.ts), before the username
   * is looked up; an unknown username costs the same scrypt verification (against a decoy hash)
   * and counts the same failure, so answers and timing do not tell which usernames exist.
   */
  async login(
    username: string,
    password: string,
    address: string,
    now = this.clock.now(),
  ): Promise<LoginResult> {
    const verdict = this.throttle.check(username, address, now.getTime());
    if (!verdict.allowed) {
      throw verdict.by === 'pair'
        ? retryLater(
            'LOGIN_LOCKED',
            'Too many failed logins for this username from this address; wait and try again',
            verdict.retryAfterMs / 1000,
          )
        : retryLater(
            'RATE_LIMITED',
            'Too many failed logins from this address; wait and try again',
            verdict.retryAfterMs / 1000,
          );
    }
    const user = await this.users.findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) {
      this.throttle.failed(username, address, now.getTime());
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    this.throttle.succeeded(username, address);
    // Only someone who knows the password learns that the account is disabled.
    if (!user.enabled) throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled');
    await this.users.update(user.id, { lastLoginAt: now });
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
}
