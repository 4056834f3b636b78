import type { Plugin } from 'vite';

/*
 * Vite plugin (H5 build). Taro's component stylesheet embeds the WeUI icon font (6 KB of
 * base64, most of vendors.css) for its Icon, Checkbox and Radio, which this app does not use:
 * left out, so the render-blocking CSS of the first screen is smaller.
 */
const TARO_COMPONENTS_CSS = /[\\/]@tarojs[\\/]components[\\/].*\.css(?:\?|$)/;
const WEUI_FONT_FACE = /@font-face\s*\{[^}]*font-family:\s*["']?weui["']?[^}]*\}/g;

export default function dropWeuiFont(): Plugin {
  return {
    name: 'hcp:drop-weui-font',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!TARO_COMPONENTS_CSS.test(id)) return null;
      const out = code.replace(WEUI_FONT_FACE, '');
      return out === code ? null : { code: out, map: null };
    },
  };
}
