/**
 * First-load JavaScript of every page, gzip (prints one JSON document).
 *
 * What a browser downloads before a page can run: Next's root main files plus every chunk the
 * page's client reference manifest lists for its segments (root and group layouts, their
 * error / loading / not-found boundaries, the page). Compressed with gzip at Node's default
 * level, as `next start` serves them. The baseline is the sign-in page, the smallest page
 * (framework + MUI + the shell), so each page's ratio is what its own features cost.
 *
 * Reads a production build: BENCH_NEXT_DIST_DIR if it holds one, else builds into
 * `.next-bench` first (`next build`, a few minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const distDir = process.env.BENCH_NEXT_DIST_DIR || '.next-bench';
const dist = path.join(root, distDir);
const BASELINE = '/sign-in';

function build() {
  // Next adds its dist dir's types to tsconfig.json when it builds: put the file back after.
  const tsconfig = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
  try {
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`next build exited with ${result.status}`);
  } finally {
    writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  }
}

/** Every page's client reference manifest, by route (`/(signed-in)/work-orders` → `/work-orders`). */
function pageManifests(): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  const appDir = path.join(dist, 'server', 'app');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (entry === 'page_client-reference-manifest.js') {
        const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
        sandbox.globalThis = sandbox;
        runInNewContext(readFileSync(file, 'utf8'), sandbox);
        for (const [key, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
          const route = key.replace(/\/page$/, '').replace(/\/\([^/)]+\)/g, '') || '/';
          if (route.startsWith('/_')) continue; // Next's own error pages
          pages.set(route, Object.values(manifest.entryJSFiles).flat());
        }
      }
    }
  };
  walk(appDir);
  return pages;
}

const gzipSizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string) {
  let size = gzipSizes.get(file);
  if (!size) {
    const bytes = readFileSync(path.join(dist, file.replace(/^\/?_next\//, '')));
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    gzipSizes.set(file, size);
  }
  return size;
}

function main() {
  const reused = existsSync(path.join(dist, 'BUILD_ID'));
  const buildStarted = performance.now();
  if (!reused) build();
  const buildMs = Math.round(performance.now() - buildStarted);

  const buildManifest = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const pages: Record<string, { files: number; raw_kb: number; gzip_kb: number; ratio_to_baseline?: number }> = {};
  for (const [route, chunks] of [...pageManifests()].sort(([a], [b]) => a.localeCompare(b))) {
    const files = [...new Set([...buildManifest.rootMainFiles, ...chunks])];
    const sizes = files.map(sizeOf);
    pages[route] = {
      files: files.length,
      raw_kb: kb(sizes.reduce((sum, s) => sum + s.raw, 0)),
      gzip_kb: kb(sizes.reduce((sum, s) => sum + s.gzip, 0)),
    };
  }
  const baseline = pages[BASELINE];
  if (!baseline) throw new Error(`no ${BASELINE} page in ${distDir}`);
  for (const page of Object.values(pages)) page.ratio_to_baseline = Number((page.gzip_kb / baseline.gzip_kb).toFixed(2));

  console.log(
    JSON.stringify({
      build: { dist_dir: distDir, reused, build_ms: reused ? undefined : buildMs },
      baseline: BASELINE,
      first_load_js: pages,
      list_page: pages['/work-orders'],
    }),
  );
}

main();
