import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_OUTCOMES as SCHEMA_OUTCOMES } from '@/lib/server/db/schema';
import { AUDIT_ACTIONS } from '@/lib/shared/audit-log';
import { AUDIT_OUTCOMES } from '@/lib/shared/audit-query';

// The audit page's action filter and its labels come from AUDIT_ACTIONS: a code the app writes
// but that list lacks could be neither chosen nor read. This reads the sources that write audit
// rows and collects the codes they pass as `action`.

const LIB = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

function writtenActions(): Set<string> {
  const codes = new Set<string>();
  for (const file of sources(LIB)) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit\(|audited\(|_ACTION = /.test(text)) continue;
    // `action: 'x'`, `action: cond ? 'x' : 'y'`, `const action = … ? 'x' : 'y';`, `X_ACTION = 'x'`
    // The expression runs to the next comma, semicolon or brace; its codes are the literals it
    // starts with or that follow `?` or `:` (a literal compared with `===` is a condition).
    for (const match of text.matchAll(/(?:\baction|_ACTION)\s*[:=](?!=)([^,;}]*)/g)) {
      for (const literal of ` :${match[1]}`.matchAll(/[?:]\s*'([a-z][a-z0-9_.]*)'/g)) codes.add(literal[1]);
    }
  }
  return codes;
}

describe('audit action codes', () => {
  it('lists every action the app writes', () => {
    const written = writtenActions();
    // The scan itself works: codes written in each of the shapes above are found.
    expect([...written]).toEqual(expect.arrayContaining(['authz_denied', 'correction', 'user_role_changed', 'work_orders_bulk_reopened', 'sign_in']));
    expect([...written].filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code))).toEqual([]);
  });

  it('lists the outcomes the database allows', () => {
    expect([...AUDIT_OUTCOMES]).toEqual([...SCHEMA_OUTCOMES]);
  });
});
