import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { retryLater } from './domain-error';
import { Clock } from './clock';

const BUCKET_KEY = 'rate-limit:bucket';
const WINDOW_MS = 60_000;

/** Puts a public endpoint in a named bucket counted per client IP per minute. */
export const RateLimit = (bucket: string): MethodDecorator => SetMetadata(BUCKET_KEY, bucket);

/**
 * A fixed-window limit per IP and bucket, in memory: it protects one instance from floods; a
 * service-centre hall behind one NAT address is why the default is generous.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const bucket = this.reflector.get<string | undefined>(BUCKET_KEY, context.getHandler());
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = `${bucket}:${request.ip}`;
    const now = this.clock.nowMs();
    const entry = this.hits.get(key);
    if (!entry || now - entry.windowStart >= WINDOW_MS) {
      if (this.hits.size > 50_000) this.prune(now);
      this.hits.set(key, { windowStart: now, count: 1 });
      return true;
    }
    entry.count++;
    if (entry.count > this.config.rateLimitPerMinute) {
      throw retryLater(
        'RATE_LIMITED',
        'Too many requests from this address; wait a minute',
        (entry.windowStart + WINDOW_MS - now) / 1000,
      );
    }
    return true;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.hits) {
      if (now - entry.windowStart >= WINDOW_MS) this.hits.delete(key);
    }
  }
}
