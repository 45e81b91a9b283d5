// @ts-check
// The config is CommonJS (package.json has no "type": "module"), so require() is the import here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require('next-intl/plugin');

// next-intl without i18n routing: the request config picks the locale from the cookie or
// Accept-Language (see i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds (tests, helpers, CI) live side by side without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  productionBrowserSourceMaps: false,
  // Native / WASM server packages must stay out of the bundle (PGlite ships WASM + data files);
  // prom-client too, so every route of the process counts into the one registry it loads;
  // pdfkit reads its font metrics from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@node-rs/argon2', 'pino', 'oidc-provider', 'prom-client', 'pdfkit'],
  // Images from the upstream are proxied through our authenticated routes, never optimised.
  images: { unoptimized: true },
  // `forbidden()` from next/navigation: a page the role does not allow answers a real 403
  // (app/admin/forbidden.tsx), not a 200 with an error message in it.
  experimental: { authInterrupts: true },
  // Static security headers for everything, including assets the proxy does not see.
  // The per-request CSP (with its nonce) is set by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
          { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
