import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * API base URL baked into the weapp bundle. H5 is served by the API itself at '/',
 * so it uses same-origin relative URLs (empty base) and ignores this constant.
 */
const weappApiBase = process.env.TARO_APP_API_BASE || 'http://localhost:3000';

/** WeChat subscribe-message template id for ticket progress notices ('' = don't ask). */
const subscribeTemplateId = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID || '';

/** Vite 4 still calls Sass through its legacy JS API; silence that deprecation notice. */
const sassLoaderOption = { silenceDeprecations: ['legacy-js-api'] };

// https://docs.taro.zone/docs/config
export default defineConfig<'vite'>(async (merge) => {
  const baseConfig: UserConfigExport<'vite'> = {
    projectName: 'haochaping',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // H5 goes to apps/miniapp/dist (served by the API at '/'); weapp to dist-weapp.
    outputRoot: isH5 ? 'dist' : 'dist-weapp',
    // weapp: render aria-* attributes (accessible labels); a no-op on H5.
    plugins: [path.resolve(__dirname, 'a11y-plugin.js')],
    defineConstants: {
      API_BASE: JSON.stringify(isH5 ? '' : weappApiBase),
      SUBSCRIBE_TEMPLATE: JSON.stringify(isH5 ? '' : subscribeTemplateId),
    },
    alias: {
      '@haochaping/domain': path.resolve(__dirname, '../../../libs/domain/src'),
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'vite' },
    mini: {
      sassLoaderOption,
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        mode: 'browser',
        // The contract's entry for staff: /staff opens the staff login.
        customRoutes: { '/staff/login/index': '/staff' },
      },
      sassLoaderOption,
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
