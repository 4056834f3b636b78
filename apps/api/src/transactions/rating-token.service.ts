import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export interface TokenClaims {
  transactionId: number;
  expiresAt: Date;
}

/**
 * Rating tokens: `<transaction id>.<expiry>.<HMAC>`, base36 numbers and a 128-bit base64url
 * signature. URL-safe, short enough for a sparse QR code that scans easily, and deterministic,
 * so registering the same transaction again hands out the same token.
 */
@Injectable()
export class RatingTokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  sign(transactionId: number, expiresAt: Date): string {
    const body = `${transactionId.toString(36)}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a genuine token, or null for anything malformed or forged. */
  verify(token: string): TokenClaims | null {
    const match = /^([0-9a-z]{1,8})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return null;
    const expected = Buffer.from(this.mac(`${match[1]}.${match[2]}`));
    const given = Buffer.from(match[3]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return {
      transactionId: parseInt(match[1], 36),
      expiresAt: new Date(parseInt(match[2], 36) * 1000),
    };
  }

  ratingUrl(token: string): string {
    return `${this.config.publicBaseUrl}/pages/rate/index?token=${token}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.ratingTokenSecret)
      .update(`rating-token:${body}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
