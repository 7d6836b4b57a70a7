import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The server serves dist/ at the site root, so assets are absolute ('/') and content-hashed for long caching.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The demo runs offline on a laptop: one modern target, no legacy bundle.
    target: 'es2022',
    sourcemap: false,
    // One bundle (React, the router, the charts) served from the same machine and cached by its hash:
    // splitting it would add round trips without saving a byte on the first load.
    chunkSizeWarningLimit: 1500,
  },
})
