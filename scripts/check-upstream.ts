/**
 * `npm run check-upstream [-- --json]`: checks the configured Deepomatic site, read-only.
 *
 * Reads `DEEPOMATIC_API_URL` and `DEEPOMATIC_API_KEY` (and the client's other settings) from
 * the environment or from the `.env` files, as `next start` does, then makes each documented
 * read once and prints what the site answers, which optional fields it sends and what runs
 * degraded without them (the same words as the admin page). The key is never printed; no
 * upstream text is kept.
 *
 * Exit codes: 0 the site can be used (even with degraded features), 1 it cannot (key refused,
 * unreachable, task groups or work orders unreadable), 2 not configured or a wrong argument.
 */
import { loadEnvConfig } from '@next/env';
// use-intl's core (what next-intl builds on): no React, so it loads under the react-server condition.
import { createTranslator } from 'use-intl/core';
import type { UpstreamCheckReport } from '../lib/shared/upstream-check';
import { degradationText, listLines, readAnswer, readState, resultText, type Translate } from '../lib/shared/upstream-check-text';
import admin from '../messages/en/admin.json';

const USAGE =
  'Usage: npm run check-upstream [-- --json]\n  --json  print the report as JSON (for scripts and monitoring)\nExit codes: 0 usable, 1 not usable, 2 not configured or a wrong argument.\n';

const MARK = { ok: '✓', skipped: '–', spare: '–', failed: '✗' } as const;

function host(raw: string | undefined): string {
  try {
    return raw ? new URL(raw).host : '?';
  } catch {
    return '?';
  }
}

function humanReport(t: Translate, report: UpstreamCheckReport, site: string): string {
  const lines = [
    t('title'),
    t('cliTarget', { host: site }),
    t('cliChecked', { time: report.checkedAt, seconds: report.durationMs / 1000 }),
    '',
    resultText(t, report),
  ];
  if (report.reads.length > 0) {
    lines.push('', t('readsTitle'));
    for (const read of report.reads) {
      const state = readState(report.reads, read);
      const status = read.status === null ? t('noStatus') : String(read.status);
      lines.push(`  ${MARK[state]} ${status.padEnd(3)}  GET ${read.path}`, `        ${t(`read.${read.read}`)}: ${readAnswer(t, read, state)}`);
    }
  }
  if (report.list) {
    lines.push('', `${t('listTitle')} — ${t('listIntro')}`);
    for (const line of listLines(t, report.list)) lines.push(`  ${line.parameter}: ${line.behaviour}`);
  }
  if (report.fields.length > 0) {
    lines.push('', t('fieldsTitle'));
    for (const provided of ['yes', 'no', 'unknown'] as const) {
      const paths = report.fields.filter((field) => field.provided === provided).map((field) => field.path);
      if (paths.length > 0) lines.push(`  ${t(`provided.${provided}`)}: ${paths.join(', ')}`);
    }
  }
  if (report.usable) {
    lines.push('', t('degradedTitle'));
    if (report.degraded.length === 0) lines.push(`  ${t('noneDegraded')}`);
    for (const degradation of report.degraded) lines.push(`  - ${degradationText(t, degradation)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(args: string[]): Promise<{ code: number; out: string; err?: string }> {
  if (args.includes('--help') || args.includes('-h')) return { code: 0, out: USAGE };
  const unknown = args.find((arg) => arg !== '--json');
  if (unknown !== undefined) return { code: 2, out: '', err: `check-upstream: unknown argument ${JSON.stringify(unknown)}\n${USAGE}` };
  // The .env files `next start` reads (production); variables already set win, as in the app.
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: () => undefined });
  // The report is the output: the client's own log lines would mix into it (LOG_LEVEL=info shows them).
  if (!process.env.LOG_LEVEL) process.env.LOG_LEVEL = 'silent';
  const { runUpstreamCheck } = await import('../lib/server/deepomatic/upstream-check');
  const report = await runUpstreamCheck();
  const site = host(process.env.DEEPOMATIC_API_URL);
  const code = report.usable ? 0 : report.blocker === 'not_configured' ? 2 : 1;
  if (args.includes('--json')) return { code, out: `${JSON.stringify({ host: site, ...report }, null, 2)}\n` };
  const t = createTranslator({ locale: 'en', messages: { admin }, namespace: 'admin.site' }) as unknown as Translate;
  return { code, out: humanReport(t, report, site) };
}

main(process.argv.slice(2)).then(
  ({ code, out, err }) => {
    if (err) process.stderr.write(err);
    // Exit once stdout is flushed: idle upstream connections would otherwise keep the process up.
    process.stdout.write(out, () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`check-upstream: ${error instanceof Error ? error.name : 'failure'}\n`);
    process.exit(2);
  },
);
