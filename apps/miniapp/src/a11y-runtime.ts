// Loaded by config/a11y-plugin.js on weapp only: teaches Taro's runtime the aria-* attributes
// the patched templates render, so props like ariaLabel reach WeChat's components.
import { mergeInternalComponents } from '@tarojs/shared';
import A11Y_COMPONENTS from '../config/a11y-attrs.json';

mergeInternalComponents(A11Y_COMPONENTS);
