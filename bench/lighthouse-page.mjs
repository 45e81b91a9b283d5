#!/usr/bin/env node
// One Lighthouse run (default mobile profile) of one page, in a Chromium already listening on a
// remote debugging port; prints the figures the browser benchmark keeps as one JSON line.
// Plain Node on purpose: under tsx, Lighthouse's page functions are compiled with helpers
// (`__name`) that do not exist in the page they are sent to, and fail there.
//
// Usage: node bench/lighthouse-page.mjs <url> <debugging-port> < cookie
// A `name=value` cookie on stdin is sent with every request (signed in); empty stdin: signed out.
// (stdin rather than the command line, where any user of the machine could read the session.)
import lighthouse from 'lighthouse';

const [url, port] = process.argv.slice(2);
let cookie = '';
for await (const chunk of process.stdin) cookie += chunk;
cookie = cookie.trim();

const result = await lighthouse(url, {
  port: Number(port),
  logLevel: 'error',
  output: 'json',
  onlyCategories: ['performance', 'accessibility', 'best-practices'],
  extraHeaders: cookie ? { Cookie: cookie } : undefined,
});
if (!result) throw new Error(`lighthouse gave no result for ${url}`);
const { lhr } = result;
if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
// A signed-in page that redirected to the sign-in form would score the wrong page.
if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`lighthouse ${url} ended on ${lhr.finalDisplayedUrl}`);

const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const audit = (id) => lhr.audits[id]?.numericValue ?? null;
console.log(
  JSON.stringify({
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    fcp: audit('first-contentful-paint'),
    bytes: audit('total-byte-weight'),
    // JavaScript as the page really loaded it (compressed bytes on the wire), beside the
    // bundle benchmark's count from the build's manifests.
    scriptBytes: lhr.audits['resource-summary']?.details?.items?.find((item) => item.resourceType === 'script')?.transferSize ?? null,
    // What failed, so a score below 100 can be read without rerunning Lighthouse.
    failedAccessibility: failing(lhr, 'accessibility'),
    failedBestPractices: failing(lhr, 'best-practices'),
  }),
);

function failing(report, category) {
  return (report.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && report.audits[ref.id]?.score !== null && report.audits[ref.id]?.score < 1)
    .map((ref) => ref.id);
}
