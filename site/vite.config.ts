// Bundles the browser code into site/dist as classic (non-module) scripts plus one stylesheet:
// ES modules do not load from file://, and the offline bundle must work opened from disk.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
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
