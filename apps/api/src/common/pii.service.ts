import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { maskPhone } from '@haochaping/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export interface ProtectedPhone {
  /** AES-256-GCM ciphertext; only a ticket's handler starting a call-back gets it decrypted. */
  encrypted: string;
  masked: string;
  /** Keyed hash, to compare or look up without decrypting. */
  hash: string;
}

/** Personal data at rest: phone numbers encrypted, openids hashed, keys derived from one secret. */
@Injectable()
export class PiiService {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secret = Buffer.from(config.ratingTokenSecret);
    this.encKey = Buffer.from(hkdfSync('sha256', secret, 'haochaping', 'pii-encryption-v1', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', secret, 'haochaping', 'pii-hash-v1', 32));
  }

  protectPhone(phone: string): ProtectedPhone {
    return {
      encrypted: this.encrypt(phone),
      masked: maskPhone(phone) ?? '',
      hash: this.hash(phone),
    };
  }

  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value).digest('hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined)
      throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
