// Bundles the browser code into site/dist as classic (non-module) scripts plus one stylesheet:
// ES modules do not load from file://, and the offline bundle must work opened from disk.
import { build, defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// The search UI with MiniSearch is a second classic script, dist/search.js, loaded lazily by
// main.js the first time search is used. IIFE builds take one entry each, so it is built right
// after the main bundle, into the same folder.
const searchBundle: Plugin = {
  name: 'pve-apidoc-search-bundle',
  apply: 'build',
  async closeBundle() {
    await build({
      configFile: false,
      root: here,
      logLevel: 'warn',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2019',
        minify: true,
        lib: { entry: 'src/search-ui.ts', formats: ['iife'], name: 'pveApidocSearchBundle', fileName: () => 'search.js' },
      },
    });
    // The --try-it console with the call checker: a third classic script, loaded on first use.
    await build({
      configFile: false,
      root: here,
      logLevel: 'warn',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2019',
        minify: true,
        lib: { entry: 'src/try-it.ts', formats: ['iife'], name: 'pveApidocTryItBundle', fileName: () => 'try-it.js' },
      },
    });
  },
};

export default defineConfig({
  root: here,
  plugins: [searchBundle],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    minify: true,
    cssCodeSplit: false,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'pveApidoc',
      fileName: () => 'main.js',
      cssFileName: 'style',
    },
    rollupOptions: { output: { assetFileNames: 'style.css' } },
  },
});
