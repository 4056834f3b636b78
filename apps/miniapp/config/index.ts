import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import dropWeuiFont from './drop-weui-font-plugin';
import precompress from './precompress-plugin';
import preloadPages from './preload-pages-plugin';
import prodConfig from './prod';
import splitChunks from './split-chunks-plugin';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * API base URL baked into the weapp bundle. H5 is served by the API itself at '/',
 * so it uses same-origin relative URLs (empty base) and ignores this constant.
 */
const weappApiBase = process.env.TARO_APP_API_BASE || 'http://localhost:3000';

/** WeChat subscribe-message template id for ticket progress notices ('' = don't ask). */
const subscribeTemplateId = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID || '';

/**
 * H5 only: polyfills that every browser the build targets does without, and Taro.request's JSONP
 * mode, which the app never uses — left out of vendors.js (≈ 22 KB) for a faster first screen.
 */
const h5Stubs: Record<string, string> = isH5
  ? {
      'whatwg-fetch': path.resolve(__dirname, 'stubs/empty.js'),
      'abortcontroller-polyfill/dist/abortcontroller-polyfill-only': path.resolve(
        __dirname,
        'stubs/empty.js',
      ),
      'jsonp-retry': path.resolve(__dirname, 'stubs/jsonp-retry.js'),
      platform: path.resolve(__dirname, 'stubs/platform.js'),
    }
  : {};

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
      ...h5Stubs,
    },
    // H5: the browser tab's icon.
    copy: {
      patterns: isH5
        ? [{ from: path.resolve(__dirname, '../src/assets/favicon.svg'), to: 'dist/favicon.svg' }]
        : [],
      options: {},
    },
    framework: isH5 ? 'preact' : 'react',
    // H5: the route's own page chunk is requested with the entry (config/preload-pages-plugin.js).
    compiler: {
      type: 'vite',
      vitePlugins: isH5 ? [preloadPages(), splitChunks(), dropWeuiFont(), precompress()] : [],
    },
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
