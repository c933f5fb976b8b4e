import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Builds the renderer once; both shells (Electron and the web shell) serve this same output. */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
