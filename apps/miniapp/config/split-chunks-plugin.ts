import type { Plugin } from 'vite';

/*
 * Vite plugin (H5 build). Taro puts every module imported from more than one place into one
 * 'common' chunk, so a citizen page loaded the staff workspace's shared code too (admin labels,
 * staff API, charts …: about half of it). This keeps Taro's vendors/common split and moves the
 * shared modules that no citizen page (src/pages/…) or the app entry reaches into 'staff-common',
 * which only staff pages load.
 */

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const STAFF_PAGE = /[\\/]src[\\/]staff[\\/][^\\/?]+[\\/]index\.[jt]sx?(?:\?|$)/;

type ModuleInfo = { importers: readonly string[]; dynamicImporters: readonly string[] } | null;

export default function splitChunks(): Plugin {
  return {
    name: 'hcp:split-common-chunk',
    apply: 'build',
    config() {
      /** True when every import path up from `id` starts at a staff page. */
      function isStaffOnly(
        id: string,
        getModuleInfo: (id: string) => ModuleInfo,
        seen = new Set<string>(),
      ): boolean {
        if (STAFF_PAGE.test(id)) return true;
        if (seen.has(id)) return true; // a cycle adds no other importer
        seen.add(id);
        const info = getModuleInfo(id);
        const importers = [...(info?.importers ?? []), ...(info?.dynamicImporters ?? [])];
        // No importer: an entry (the app), never staff-only.
        return importers.length > 0 && importers.every((i) => isStaffOnly(i, getModuleInfo, seen));
      }
      return {
        build: {
          rollupOptions: {
            output: {
              // Taro's rule (vite-runner h5/config.js), with 'common' split in two.
              manualChunks(id, { getModuleInfo }) {
                if (NODE_MODULES.test(id) || /commonjsHelpers\.js$/.test(id)) return 'vendors';
                const info = getModuleInfo(id);
                if ((info?.importers.length ?? 0) > 1 && !id.startsWith('\0')) {
                  return isStaffOnly(id, getModuleInfo) ? 'staff-common' : 'common';
                }
                return undefined;
              },
            },
          },
        },
      };
    },
  };
}
