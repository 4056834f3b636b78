// Taro plugin: let the weapp templates render WeChat's aria-* attributes (accessible labels for
// screen readers). Taro's weapp templates only pass the attributes they know; this adds the ones
// listed in a11y-attrs.json ('' = "take the value from the node's props") to those components,
// at build time (the template) and at run time (src/a11y-runtime.ts, the attribute aliases), so
// both agree. H5 needs nothing: Taro's web components pass aria-* to the DOM as they are.
'use strict';

const path = require('path');
const A11Y_COMPONENTS = require('./a11y-attrs.json');

const RUNTIME = path.resolve(__dirname, '../src/a11y-runtime.ts');

module.exports = function a11yPlugin(ctx) {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV === 'h5' || !platform.template) return;
      platform.template.mergeComponents(ctx, A11Y_COMPONENTS);
      const runtime = platform.runtimePath;
      if (Array.isArray(runtime)) runtime.push(RUNTIME);
      else platform.runtimePath = runtime ? [runtime, RUNTIME] : [RUNTIME];
    },
  });
};
