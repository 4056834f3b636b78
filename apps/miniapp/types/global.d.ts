/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

/** API base URL injected by config/index.ts defineConstants ('' on H5 = same origin). */
declare const API_BASE: string;

/** WeChat subscribe-message template id (config/index.ts; '' when not configured or on H5). */
declare const SUBSCRIBE_TEMPLATE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Affects the build output. */
    NODE_ENV: 'development' | 'production';
    /** Platform being built. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Mini-program appid override (see project.config.json). */
    TARO_APP_ID?: string;
    /** API origin baked into the weapp build (default http://localhost:3000). */
    TARO_APP_API_BASE?: string;
    /** WeChat subscribe-message template id for ticket progress notices. */
    TARO_APP_SUBSCRIBE_TEMPLATE_ID?: string;
  }
}
