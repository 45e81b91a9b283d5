// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds (tests, helpers, CI) live side by side without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  productionBrowserSourceMaps: false,
  // Native / WASM server packages must stay out of the bundle (PGlite ships WASM + data files).
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@node-rs/argon2', 'pino', 'oidc-provider'],
  // Images from the upstream are proxied through our authenticated routes, never optimised.
  images: { unoptimized: true },
};

module.exports = nextConfig;
