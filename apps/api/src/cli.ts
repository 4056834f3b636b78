import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { ScoresService } from './scores/scores.service';

/** Maintenance commands on the configured database: `node dist/apps/api/cli.js rebuild-scores`. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'rebuild-scores') {
    process.stderr.write('usage: cli.js rebuild-scores\n');
    process.exit(2);
  }
  const config = { ...loadConfig(), demoData: false, jobsEnabled: false };
  const app = await createApp(config);
  try {
    const started = Date.now();
    const { rows } = await app.get(ScoresService).rebuild();
    process.stdout.write(`rebuilt ${rows} score rollup rows in ${Date.now() - started} ms\n`);
  } finally {
    await app.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  const text =
    error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error);
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
