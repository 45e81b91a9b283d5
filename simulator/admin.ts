/**
 * The simulator's own admin API under `/__sim/` (Bearer admin token; health is open):
 * faults, ledger, reset, application upgrade, site facts and shortcuts for tests.
 */
import { timingSafeEqual } from 'node:crypto';
import type { TaskValue } from '../lib/shared/progress-score';
import { applyAnalysis } from './analysis';
import type { CallbackDispatcher } from './callbacks';
import { formatMicros, nowMicros, parseMicros } from './dates';
import { publicFault, type FaultRegistry, parseFault } from './faults';
import { ApiError, isPlainObject, json, type SimResponse } from './http-util';
import type { Ledger } from './ledger';
import type { MediaSigner } from './media';
import type { ConformityFinding } from './model';
import { API_USER_EMAIL, SUPERVISORS, TECHNICIANS, USER_GROUPS } from './people';
import { UUID_PATTERN } from './random';
import { workOrderResource, type SerializeContext } from './serialize';
import type { Simulation } from './simulation';

export interface AdminContext {
  sim: Simulation;
  faults: FaultRegistry;
  ledger: Ledger;
  callbacks: CallbackDispatcher;
  signer: MediaSigner;
  adminToken: string;
  startedAt: string;
  /** Clears what the simulator holds beside the site (caches of rendered photos...). */
  onReset: () => void;
}

function authorized(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function site(ctx: AdminContext): SimResponse {
  const { site: s, store } = ctx.sim;
  return json(200, {
    site_id: s.siteId,
    app: { key: s.app.key, name: s.app.name, app_version_id: s.appVersionId, version: s.appVersion },
    work_orders: store.size,
    seed: ctx.sim.options.seed,
    now: formatMicros(ctx.sim.options.nowUs),
    api_user_email: API_USER_EMAIL,
    supervisors: SUPERVISORS,
    technicians: TECHNICIANS.map((t) => ({ email: t.email, name: t.name, user_group_ids: t.userGroupIds })),
    user_groups: USER_GROUPS,
    work_order_types: s.workOrderTypes(),
    metadata_definitions: s.app.metadataDefinitions,
    task_groups: s.sortedGroups().map((g) => ({
      id: s.groupId(g.name),
      name: g.name,
      order: g.order,
      tasks: g.tasks.map((t) => ({ id: s.taskId(t.name), name: t.name, outcome_type: t.outcome_type, conformity_status: t.conformity_status })),
    })),
  });
}

function serializeContext(ctx: AdminContext): SerializeContext {
  return { site: ctx.sim.site, signer: ctx.signer, language: 'en' };
}

function forceAnalysis(ctx: AdminContext, id: string, body: unknown): SimResponse {
  if (!isPlainObject(body)) throw ApiError.detail(400, 'Expected a JSON object.');
  const record = ctx.sim.store.get(id);
  if (!record) throw ApiError.notFound();
  const groupName = body.task_group_name;
  if (typeof groupName !== 'string' || !ctx.sim.site.group(groupName) || !record.layout.includes(groupName)) {
    throw ApiError.fields({ task_group_name: ['Expected a task group active on this work order.'] });
  }
  const values: Record<string, TaskValue> = {};
  if (body.values !== undefined) {
    if (!isPlainObject(body.values)) throw ApiError.fields({ values: ['Expected {task_name: value}.'] });
    for (const [name, value] of Object.entries(body.values)) {
      if (typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string')
        throw ApiError.fields({ values: [`Bad value for ${name}.`] });
      values[name] = value;
    }
  }
  let findings: ConformityFinding[] | undefined;
  if (body.conformity !== undefined) {
    if (!Array.isArray(body.conformity)) throw ApiError.fields({ conformity: ['Expected a list of {code, level, variant?}.'] });
    findings = body.conformity.map((f) => {
      if (!isPlainObject(f) || !['blur', 'brightness', 'duplicate'].includes(f.code as string) || !['warning', 'error'].includes(f.level as string)) {
        throw ApiError.fields({ conformity: ['Each item needs code (blur|brightness|duplicate) and level (warning|error).'] });
      }
      return { code: f.code, level: f.level, variant: typeof f.variant === 'string' ? f.variant : undefined } as ConformityFinding;
    });
  }
  const mutable = ctx.sim.store.mutable(id)!;
  // A generated photo stands in for the uploaded bytes; unique per call so it is never a duplicate.
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`${id}:${nowMicros()}:${Math.random()}`)]);
  const result = applyAnalysis(
    { ctx: serializeContext(ctx), uploads: ctx.sim.uploads, actor: API_USER_EMAIL, language: 'en' },
    mutable,
    groupName,
    { bytes, mediaType: 'image/png', kind: 'image' },
    { forcedValues: values, forcedFindings: findings ?? [] },
  );
  // Not a real photo: let the media route render one instead of serving these bytes.
  const input = mutable.inputs[mutable.inputs.length - 1];
  input.origin = 'generated';
  ctx.sim.store.saved(mutable);
  return json(200, result);
}

function review(ctx: AdminContext, id: string, body: unknown): SimResponse {
  const record = ctx.sim.store.mutable(id);
  if (!record) throw ApiError.notFound();
  let at: number | null = nowMicros();
  if (isPlainObject(body) && 'review_date' in body) {
    if (body.review_date === null) at = null;
    else if (typeof body.review_date === 'string' && parseMicros(body.review_date) !== null) at = parseMicros(body.review_date);
    else throw ApiError.fields({ review_date: ['Expected an ISO-8601 date-time or null.'] });
  }
  record.review_us = at;
  ctx.sim.store.saved(record);
  return json(200, workOrderResource(serializeContext(ctx), record, false));
}

export function handleAdmin(ctx: AdminContext, method: string, url: URL, authorization: string | undefined, body: unknown): SimResponse {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/__sim/health' && (method === 'GET' || method === 'HEAD')) {
    return json(200, { status: 'ok', started_at: ctx.startedAt, work_orders: ctx.sim.store.size });
  }
  if (!authorized(authorization, ctx.adminToken))
    throw ApiError.detail(401, 'Admin token required (Authorization: Bearer <token>).', { 'WWW-Authenticate': 'Bearer' });
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sim/site':
      return site(ctx);
    case 'GET /__sim/faults':
      return json(200, ctx.faults.list());
    case 'POST /__sim/faults': {
      return json(201, publicFault(ctx.faults.add(parseFault(body))));
    }
    case 'DELETE /__sim/faults':
      ctx.faults.clear();
      return { status: 204 };
    case 'GET /__sim/ledger': {
      const since = url.searchParams.get('since');
      return json(
        200,
        ctx.ledger.list({
          method: url.searchParams.get('method') ?? undefined,
          path: url.searchParams.get('path') ?? undefined,
          since: since === null ? undefined : Number(since),
        }),
      );
    }
    case 'DELETE /__sim/ledger':
      ctx.ledger.clear();
      return { status: 204 };
    case 'GET /__sim/callbacks':
      return json(200, ctx.callbacks.list());
    case 'POST /__sim/reset':
      ctx.callbacks.close();
      ctx.faults.clear();
      ctx.ledger.clear();
      ctx.sim.reset();
      ctx.onReset();
      return json(200, { status: 'reset', work_orders: ctx.sim.store.size, app_version_id: ctx.sim.site.appVersionId });
    case 'POST /__sim/app-version/upgrade': {
      const previous = ctx.sim.site.appVersionId;
      ctx.sim.site.upgrade();
      const s = ctx.sim.site;
      return json(200, {
        previous_app_version_id: previous,
        app_version_id: s.appVersionId,
        version: s.appVersion,
        task_groups: s.sortedGroups().map((g) => ({ name: g.name, id: s.groupId(g.name) })),
        tasks: s.sortedGroups().flatMap((g) => g.tasks.map((t) => ({ name: t.name, id: s.taskId(t.name), task_group_name: g.name }))),
      });
    }
    default:
      break;
  }
  const faultMatch = /^\/__sim\/faults\/([^/]+)$/.exec(path);
  if (faultMatch && method === 'DELETE') {
    if (!ctx.faults.remove(faultMatch[1])) throw ApiError.notFound();
    return { status: 204 };
  }
  const workOrderMatch = /^\/__sim\/work-orders\/([^/]+)\/(analysis|review)$/.exec(path);
  if (workOrderMatch && method === 'POST') {
    const [, id, action] = workOrderMatch;
    if (!UUID_PATTERN.test(id)) throw ApiError.notFound();
    return action === 'analysis' ? forceAnalysis(ctx, id, body) : review(ctx, id, body);
  }
  throw ApiError.notFound();
}

/** Whether a path belongs to the admin API rather than to the simulated site. */
export function isAdminPath(pathname: string): boolean {
  return pathname === '/__sim' || pathname.startsWith('/__sim/');
}

/** The admin API's answer to one request, a body that is not JSON and a refusal included. */
export function answerAdmin(ctx: AdminContext, method: string, url: URL, authorization: string | undefined, rawBody: Buffer): SimResponse {
  let body: unknown;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return json(400, { detail: 'JSON parse error.' });
    }
  }
  try {
    return handleAdmin(ctx, method, url, authorization, body);
  } catch (error) {
    return error instanceof ApiError ? json(error.status, error.body, error.headers) : json(500, { detail: String(error) });
  }
}
