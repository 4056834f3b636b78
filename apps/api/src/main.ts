import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { exitGracefullyOnSignals } from './common/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const logger = app.get(Logger);
  exitGracefullyOnSignals(app, (message) => logger.log(message, 'Shutdown'));
  await app.listen(config.port, '0.0.0.0');
  const db =
    config.database.kind === 'sqlite' ? `sqlite:${config.database.path}` : config.database.kind;
  logger.log(
    `好差评 API on http://localhost:${config.port}/api (docs: /api/docs, client: /), database ${db}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // One clear line naming the variable, and nothing else.
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`Start-up failed: ${text}\n`);
  }
  process.exit(1);
});
