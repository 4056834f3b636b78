/*
 * `node -r tests/support/swc-register.js apps/api/src/main.ts`: runs the API's TypeScript sources
 * as jest does (compiled on the fly by @swc/core, @haochaping/domain from its sources), so a test
 * can start the real main.ts in a process of its own without a build.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');

const domain = join(__dirname, '../../libs/domain/src/index.ts');
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
