import { maskPersonalData } from '@haochaping/domain';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** Rating tokens travel in URLs; they are capabilities and never reach a log. */
export function sanitizeUrl(url: string): string {
  return maskPersonalData(
    url
      .replace(/(\/rating-forms\/)[^/?#]+/, '$1[token]')
      .replace(/([?&](?:token|access_token|code|key)=)[^&#]*/gi, '$1[redacted]'),
  );
}

/** What a thrown value says, for a log line. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function loggerParams(config: AppConfig): Params {
  const pretty = !config.production && process.stdout.isTTY && config.logLevel !== 'silent';
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["idempotency-key"]',
          'req.headers.cookie',
          '*.password',
          '*.contactPhone',
          '*.applicantPhone',
          '*.token',
          '*.openid',
          '*.touser',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: sanitizeUrl(req.url),
        }),
      },
      hooks: {
        // Free text passed to the logger (error messages, notes) gets phone/ID numbers masked.
        logMethod(args, method) {
          const masked = args.map((a: unknown) =>
            typeof a === 'string' ? maskPersonalData(a) : a,
          );
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
