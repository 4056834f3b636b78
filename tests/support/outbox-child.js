/*
 * A second API instance in its own process, for the outbox tests: it boots the real application
 * (TypeScript sources compiled on the fly by @swc/core, as jest does) on the database named in
 * HCP_CHILD_ENV, at the instant HCP_CHILD_NOW, runs the outbox dispatcher (two runs side by side),
 * reports the results over IPC and exits. With HCP_CHILD_WAIT it says "ready" and waits for a
 * message before dispatching. The crash test kills it with SIGKILL while a send is on the wire.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '../..');
const domain = join(root, 'libs/domain/src/index.ts');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === '@haochaping/domain' ? domain : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

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
