import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The sha256 sources of the inline scripts of the H5 index.html (Taro writes one that sizes the
 * root font before the bundle runs), read from the build being served: the policy allows those
 * exact scripts and no other inline script.
 */
export function inlineScriptHashes(h5Dir: string | undefined): string[] {
  if (!h5Dir) return [];
  const index = join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (!match[1].trim()) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The security headers of every answer, computed once (see registerSecurityHeaders). */
export function securityHeaders(h5Dir: string | undefined): Record<string, string> {
  const scripts = inlineScriptHashes(h5Dir);
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scripts],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // Taro's uploadFile reads the chosen photo back from its blob: URL.
        connectSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The H5 client is opened from WeChat and SMS links: no cross-origin isolation that would
    // keep it from loading in their in-app browsers.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HTTPS is the reverse proxy's to declare; the app may be reached over plain HTTP inside.
    strictTransportSecurity: false,
  };
  // The policy has no per-request part (no nonces), so helmet runs once, here, against a
  // recording response: @fastify/helmet rebuilt the middleware and re-parsed the CSP directives
  // on every request (2–3 % of the CPU of a rating, docs/benchmarks.md).
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  let failed: Error | undefined;
  helmet(options)({} as IncomingMessage, recorder, (error?: unknown) => {
    if (error) failed = error instanceof Error ? error : new Error('helmet refused its options');
  });
  if (failed) throw failed;
  return headers;
}

/**
 * Security headers on every answer (helmet): a Content-Security-Policy the H5 client works
 * under (its own scripts and the hashed inline one; inline styles, which Taro writes as style
 * attributes; images from data: and blob: URLs for QR codes, thumbnails and downloads), no
 * framing, nosniff, no referrer across origins. The OpenAPI UI at /api/docs gets the inline
 * styles and scripts swagger-ui needs, and nothing else does.
 */
export function registerSecurityHeaders(
  app: NestFastifyApplication,
  h5Dir: string | undefined,
): void {
  const headers = securityHeaders(h5Dir);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  // swagger-ui's page inlines its start-up script and styles.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/api/docs' || request.url.startsWith('/api/docs/')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      );
    }
    return payload;
  });
}
