import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import { RATING_LIMITS } from '@haochaping/domain';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { Clock, SystemClock } from './common/clock';
import { HttpExceptionFilter } from './common/http-exception.filter';
import {
  clientErrorHandler,
  COMPRESSIBLE,
  frameworkErrors,
  limitBodyDepth,
  setStaticCacheHeaders,
} from './common/http-hardening';
import { createValidationPipe } from './common/validation';
import { trackRequests } from './common/graceful-shutdown';
import { registerSecurityHeaders } from './common/security-headers';
import { runRequestsInContext } from './common/request-context';
import type { AppConfig } from './config/app-config';
import { logRequests, rootLogger } from './common/logging';

export interface CreateAppOptions {
  /** The application's clock; the system clock unless a test or tool fixes the time. */
  clock?: Clock;
}

/** Builds the whole application; main.ts and the e2e tests share this, so tests run the real app. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // Errors Fastify answers by itself (bad URL, header overflow) get the contract body too.
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.clock ?? new SystemClock()),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  await app.register(multipart, {
    limits: { fileSize: RATING_LIMITS.attachmentBytesMax, files: 1, fields: 10, parts: 11 },
  });
  const h5Available = existsSync(join(config.h5Dir, 'index.html'));
  registerSecurityHeaders(app, h5Available ? config.h5Dir : undefined);
  // Text assets of the H5 client (and CSV) compressed; request bodies are never inflated.
  await app.register(compress, { customTypes: COMPRESSIBLE, globalDecompression: false });
  limitBodyDepth(adapter.getInstance());
  const logger = rootLogger(config);
  runRequestsInContext(adapter.getInstance(), logger);
  logRequests(adapter.getInstance(), logger);
  // Requests in flight are counted for the graceful shutdown main.ts runs on SIGTERM.
  trackRequests(adapter.getInstance());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(h5Available ? config.h5Dir : undefined));

  // The OpenAPI document is built by the first request for it, not at start-up (~0.25 s here,
  // docs/benchmarks.md, change 17).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('好差评 Haochaping API')
        .setDescription('Government-service evaluation: ratings, rectification tickets, scores.')
        .setVersion('0.1.0')
        .addBearerAuth()
        .addApiKey({ type: 'apiKey', name: 'X-Api-Key', in: 'header' }, 'api-key')
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (h5Available) {
    // The H5 client (citizen pages and staff workspace) from the same origin as the API.
    app.useStaticAssets({
      root: config.h5Dir,
      prefix: '/',
      decorateReply: false,
      index: ['index.html'],
      // The build writes file.br and file.gz (Brotli 11, gzip -9) beside its text assets: sent
      // as they are to a browser that takes them; other files go through @fastify/compress.
      preCompressed: true,
      cacheControl: false,
      setHeaders: setStaticCacheHeaders,
    });
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
