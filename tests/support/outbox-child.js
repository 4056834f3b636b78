/*
 * A second API instance in its own process, for the outbox tests: it boots the real application
 * (TypeScript sources compiled on the fly by @swc/core, as jest does) on the database named in
 * HCP_CHILD_ENV, at the instant HCP_CHILD_NOW, runs the outbox dispatcher (two runs side by side),
 * reports the results over IPC and exits. With HCP_CHILD_WAIT it says "ready" and waits for a
 * message before dispatching. The crash test kills it with SIGKILL while a send is on the wire.
 */
const { join } = require('node:path');
// The API's TypeScript sources, compiled on the fly as jest does.
require('./swc-register');

const root = join(__dirname, '../..');

async function main() {
  const { loadConfig } = require(join(root, 'apps/api/src/config/app-config.ts'));
  const { createApp } = require(join(root, 'apps/api/src/app.factory.ts'));
  const { OffsetClock } = require(join(root, 'apps/api/src/common/clock.ts'));
  const { OutboxDispatcher } = require(join(root, 'apps/api/src/outbox/outbox.dispatcher.ts'));
  const config = loadConfig(JSON.parse(process.env.HCP_CHILD_ENV));
  const app = await createApp(config, { clock: new OffsetClock(process.env.HCP_CHILD_NOW) });
  if (process.env.HCP_CHILD_WAIT) {
    // Start together with the test's own instance: on its word.
    const go = new Promise((resolve) => process.once('message', resolve));
    process.send({ ready: true });
    await go;
  }
  const dispatcher = app.get(OutboxDispatcher);
  const results = await Promise.all([dispatcher.run(), dispatcher.run()]);
  process.send?.({ results });
  await app.close();
  process.disconnect?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
