/**
 * The 14 endpoints of the Field Services API v0.2, DRF-style. What each answer shows of the
 * state, and how strictly bodies are read, is the site's profile (`profile.ts`).
 */
import { randomUUID } from 'node:crypto';
import { coerceTaskValue } from '../lib/shared/progress-score';
import { applyAnalysis, parseAnalyzeBody, resolveInput, type UrlLoader } from './analysis';
import { validateCallbackUrl, type CallbackDispatcher } from './callbacks';
import type { Language } from './conformity';
import { nowMicros, parseMicros } from './dates';
import { ApiError, isPlainObject, json, sleep, type SimResponse } from './http-util';
import type { MediaSigner } from './media';
import type { TimelineType, WorkOrderRecord } from './model';
import { API_USER_EMAIL, technicianByEmail } from './people';
import { UUID_PATTERN } from './random';
import {
  taskGroupResource,
  taskState,
  timelineResource,
  workOrderResource,
  workOrderScore,
  workOrderSummary,
  type SerializeContext,
} from './serialize';
import { listRow, type ListParameter, type Profile } from './profile';
import type { Simulation } from './simulation';
import { ORDERINGS, type Ordering } from './store';
import { requireObject, validateMetadata, validateWorkOrderBody, type WorkOrderFields } from './validation';

export interface ApiContext {
  sim: Simulation;
  signer: MediaSigner;
  callbacks: CallbackDispatcher;
  callbackDelayMs: number;
  /** Time a synchronous analysis takes (real models take seconds); 0 in tests. */
  analyzeDelayMs: number;
  loadUrl: UrlLoader;
  url: URL;
  /** Scheme and host the client used, for absolute `next`/`previous` links. */
  origin: string;
  params: string[];
  body: unknown;
  language: Language;
  profile: Profile;
  /** Enforce the name rule of one documentation page (letters, digits, `_`, `-`, ≤ 128); off by default. */
  namePattern: boolean;
}

type Handler = (ctx: ApiContext) => SimResponse | Promise<SimResponse>;

export interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

function serializeContext(ctx: ApiContext): SerializeContext {
  return { site: ctx.sim.site, signer: ctx.signer, language: ctx.language, correctedValueAsSent: ctx.profile.echoCorrectedValueAsSent };
}

/** A work order as this site's profile serves it. */
function workOrderAnswer(ctx: ApiContext, status: number, record: WorkOrderRecord, includeInputs: boolean): SimResponse {
  return json(status, ctx.profile.workOrder(workOrderResource(serializeContext(ctx), record, includeInputs)));
}

function workOrderId(ctx: ApiContext): string {
  const id = ctx.params[0];
  if (!UUID_PATTERN.test(id)) throw ApiError.notFound();
  return id;
}

function readWorkOrder(ctx: ApiContext): WorkOrderRecord {
  const record = ctx.sim.store.get(workOrderId(ctx));
  if (!record) throw ApiError.notFound();
  return record;
}

function writeWorkOrder(ctx: ApiContext): WorkOrderRecord {
  const record = ctx.sim.store.mutable(workOrderId(ctx));
  if (!record) throw ApiError.notFound();
  return record;
}

function falsy(value: string | null): boolean {
  return value !== null && ['false', '0', 'no', 'off'].includes(value.toLowerCase());
}

function list(ctx: ApiContext): SimResponse {
  const query = ctx.url.searchParams;
  const pageText = query.get('page');
  const page = pageText === null || pageText === 'last' ? 1 : Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw ApiError.detail(404, 'Invalid page.');
  // A parameter the site does not implement is read as if it had not been sent.
  const param = (name: ListParameter): string | null => (ctx.profile.list.ignores.includes(name) ? null : query.get(name));
  const sizeValue = Number(param('page_size'));
  const pageSize = Number.isInteger(sizeValue) && sizeValue > 0 ? Math.min(sizeValue, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const requested = (param('ordering') ?? '').split(',').map((o) => o.trim());
  const ordering = (requested.find((o) => (ORDERINGS as string[]).includes(o)) as Ordering | undefined) ?? '-create_date';
  const errors: Record<string, string[]> = {};
  const date = (field: 'created_after' | 'updated_after'): number | undefined => {
    const value = field === 'updated_after' ? param(field) : query.get(field);
    if (value === null || value === '') return undefined;
    const parsed = parseMicros(value);
    if (parsed === null) errors[field] = ['Enter a valid date/time.'];
    return parsed ?? undefined;
  };
  const createdAfter = date('created_after');
  const updatedAfter = date('updated_after');
  if (Object.keys(errors).length > 0) throw ApiError.fields(errors);
  const name = query.get('name') ?? undefined;
  const entries = ctx.sim.store.list({ ordering, name: name === '' ? undefined : name, createdAfter, updatedAfter });
  const lastPage = Math.max(1, Math.ceil(entries.length / pageSize));
  const pageNumber = pageText === 'last' ? lastPage : page;
  if (pageNumber > lastPage) throw ApiError.detail(404, 'Invalid page.');
  const start = (pageNumber - 1) * pageSize;
  const link = (target: number): string => {
    const next = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
    if (target === 1) next.searchParams.delete('page');
    else next.searchParams.set('page', String(target));
    return next.toString();
  };
  const serialize = serializeContext(ctx);
  const siteKey = `${serialize.site.siteId}|${serialize.site.appVersionId}|${ctx.profile.name}|${ctx.profile.list.rows}`;
  const results = entries
    .slice(start, start + pageSize)
    .map((entry) => ctx.sim.store.summaryJson(entry, siteKey, (record) => listRow(ctx.profile, workOrderSummary(serialize, record))));
  // The page's envelope, then the summaries spliced in as the JSON they are kept as.
  const envelope = JSON.stringify({
    count: entries.length,
    next: pageNumber < lastPage ? link(pageNumber + 1) : null,
    previous: pageNumber > 1 ? link(pageNumber - 1) : null,
  });
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    raw: Buffer.from(`${envelope.slice(0, -1)},"results":[${results.join(',')}]}`),
  };
}

function engineerName(email: string | null): string | null {
  if (email === null) return null;
  const technician = technicianByEmail(email);
  return technician?.name ?? email;
}

function create(ctx: ApiContext): SimResponse {
  const fields = validateWorkOrderBody(ctx.body, ctx.sim.site, false, ctx.namePattern);
  const now = nowMicros();
  const types = fields.work_order_types ?? [];
  const email = fields.field_engineer_email ?? null;
  const record: WorkOrderRecord = {
    id: randomUUID(),
    name: fields.name as string,
    create_us: now,
    update_us: now,
    review_us: null,
    metadata: fields.metadata ?? {},
    tags: fields.tags ?? [],
    field_engineer_email: email,
    field_engineer_name: engineerName(email),
    user_group_ids: fields.user_group_ids ?? [],
    work_order_types: types,
    layout: ctx.sim.site.activeGroupNames(types),
    states: {},
    inputs: [],
    timeline: [],
    score_override: null,
  };
  record.timeline.push({
    id: randomUUID(),
    date_us: now,
    type: 'work_order_created',
    user_email: API_USER_EMAIL,
    payload: { name: record.name, work_order_types: types, field_engineer_email: email },
  });
  ctx.sim.store.insert(record);
  return workOrderAnswer(ctx, 201, record, true);
}

function retrieve(ctx: ApiContext): SimResponse {
  const record = readWorkOrder(ctx);
  return workOrderAnswer(ctx, 200, record, !falsy(ctx.url.searchParams.get('include_inputs')));
}

function applyFields(ctx: ApiContext, record: WorkOrderRecord, fields: WorkOrderFields, full: boolean): string[] {
  const changed: string[] = [];
  const set = <K extends keyof WorkOrderFields>(
    key: K,
    fallback: WorkOrderFields[K],
    apply: (value: NonNullable<WorkOrderFields[K]> | null) => void,
  ) => {
    const value = fields[key] !== undefined ? fields[key] : full ? fallback : undefined;
    if (value === undefined) return;
    changed.push(key);
    apply(value as NonNullable<WorkOrderFields[K]> | null);
  };
  set('name', undefined, (v) => (record.name = v as string));
  set('metadata', {}, (v) => (record.metadata = { ...(v as object) }));
  set('tags', [], (v) => (record.tags = v as string[]));
  set('field_engineer_email', null, (v) => {
    record.field_engineer_email = v as string | null;
    record.field_engineer_name = engineerName(v as string | null);
  });
  set('user_group_ids', [], (v) => (record.user_group_ids = v as string[]));
  set('work_order_types', [], (v) => {
    record.work_order_types = v as string[];
    // Types filter the active task groups; states of tasks that drop out are kept
    // and come back if a later change reactivates their group.
    record.layout = ctx.sim.site.activeGroupNames(record.work_order_types);
    record.score_override = null;
  });
  return changed;
}

function update(full: boolean): Handler {
  return (ctx) => {
    readWorkOrder(ctx);
    const fields = validateWorkOrderBody(ctx.body, ctx.sim.site, !full, ctx.namePattern);
    const record = writeWorkOrder(ctx);
    const changed = applyFields(ctx, record, fields, full);
    return saveChange(ctx, record, 'work_order_updated', { fields: changed, method: full ? 'PUT' : 'PATCH' });
  };
}

function remove(ctx: ApiContext): SimResponse {
  const record = writeWorkOrder(ctx);
  record.timeline.push({ id: randomUUID(), date_us: nowMicros(), type: 'work_order_deleted', user_email: API_USER_EMAIL, payload: {} });
  ctx.sim.store.delete(record.id);
  return { status: 204 };
}

function metadata(replace: boolean): Handler {
  return (ctx) => {
    readWorkOrder(ctx);
    const body = requireObject(ctx.body);
    const errors: Record<string, string[]> = {};
    const values = validateMetadata(body, errors, 'non_field_errors', !replace);
    if (!values) throw ApiError.fields(errors);
    const record = writeWorkOrder(ctx);
    const before = record.metadata;
    if (replace) record.metadata = values;
    else {
      const merged = { ...record.metadata, ...values };
      for (const [key, value] of Object.entries(body)) if (value === null) delete merged[key];
      record.metadata = merged;
    }
    return saveChange(ctx, record, 'metadata_updated', { method: replace ? 'PUT' : 'PATCH', before, after: record.metadata });
  };
}

/** A change the API user made to a work order: dated, on its timeline, saved, and answered with the work order. */
function saveChange(ctx: ApiContext, record: WorkOrderRecord, type: TimelineType, payload: Record<string, unknown>): SimResponse {
  const now = nowMicros();
  record.update_us = now;
  record.timeline.push({ id: randomUUID(), date_us: now, type, user_email: API_USER_EMAIL, payload });
  ctx.sim.store.saved(record);
  return workOrderAnswer(ctx, 200, record, true);
}

function timeline(ctx: ApiContext): SimResponse {
  const record = readWorkOrder(ctx);
  const events = [...record.timeline].sort((a, b) => a.date_us - b.date_us);
  return json(
    200,
    events.map((event) => timelineResource(ctx.sim.site, record, event)),
  );
}

function taskGroups(ctx: ApiContext): SimResponse {
  const serialize = serializeContext(ctx);
  return json(
    200,
    ctx.sim.site.sortedGroups().map((group) => ctx.profile.taskGroup(taskGroupResource(serialize, group))),
  );
}

function taskGroup(ctx: ApiContext): SimResponse {
  const group = ctx.sim.site.group(ctx.params[0]);
  if (!group) throw ApiError.notFound();
  return json(200, ctx.profile.taskGroup(taskGroupResource(serializeContext(ctx), group)));
}

async function analyze(ctx: ApiContext): Promise<SimResponse> {
  const request = parseAnalyzeBody(ctx.body, ctx.sim.site, readWorkOrder(ctx));
  const input = await resolveInput(request, ctx.loadUrl);
  if (ctx.analyzeDelayMs > 0) await sleep(ctx.analyzeDelayMs);
  const record = writeWorkOrder(ctx);
  const result = applyAnalysis(
    { ctx: serializeContext(ctx), uploads: ctx.sim.uploads, actor: API_USER_EMAIL, language: ctx.language },
    record,
    request.taskGroupName,
    { ...input, kind: request.kind },
  );
  ctx.sim.store.saved(record);
  return json(200, ctx.profile.analyzeResult(result as unknown as Record<string, unknown>), { 'Content-Language': ctx.language });
}

async function analyzeWithCallback(ctx: ApiContext): Promise<SimResponse> {
  const id = workOrderId(ctx);
  const request = parseAnalyzeBody(ctx.body, ctx.sim.site, readWorkOrder(ctx));
  const callbackUrl = validateCallbackUrl(isPlainObject(ctx.body) ? ctx.body.callback_url : undefined);
  const input = await resolveInput(request, ctx.loadUrl);
  const analysisId = randomUUID();
  const { sim, profile } = ctx;
  const serialize = serializeContext(ctx);
  ctx.callbacks.schedule(analysisId, callbackUrl, ctx.callbackDelayMs, () => {
    const record = sim.store.mutable(id);
    if (!record) throw new Error('work order deleted before the analysis ran');
    const result = applyAnalysis(
      { ctx: serialize, uploads: sim.uploads, actor: API_USER_EMAIL, language: ctx.language },
      record,
      request.taskGroupName,
      {
        ...input,
        kind: request.kind,
      },
    );
    sim.store.saved(record);
    return { analysis_id: analysisId, work_order_id: id, ...profile.analyzeResult(result as unknown as Record<string, unknown>) };
  });
  return json(202, { analysis_id: analysisId, status: 'pending' }, { 'Content-Language': ctx.language });
}

const COERCION_MESSAGES = {
  null: 'This field may not be null.',
  invalid_boolean: 'Must be a valid boolean.',
  invalid_number: 'A valid number is required.',
  invalid_text: 'Not a valid string.',
} as const;

function correction(ctx: ApiContext): SimResponse {
  const current = readWorkOrder(ctx);
  const taskName = UUID_PATTERN.test(ctx.params[1]) ? ctx.sim.site.taskNameById(ctx.params[1]) : undefined;
  const group = taskName ? ctx.sim.site.groupOfTask(taskName) : undefined;
  const task = taskName ? ctx.sim.site.task(taskName) : undefined;
  if (!taskName || !group || !task || !current.layout.includes(group.name)) throw ApiError.notFound();
  const body = requireObject(ctx.body);
  if (!('corrected_value' in body)) throw ApiError.fields({ corrected_value: ['This field is required.'] });
  if (ctx.profile.correctedValueAsString && body.corrected_value !== null && typeof body.corrected_value !== 'string') {
    throw ApiError.fields({ corrected_value: [COERCION_MESSAGES.invalid_text] });
  }
  const coerced = coerceTaskValue(task.outcome_type, body.corrected_value);
  if (!coerced.ok) throw ApiError.fields({ corrected_value: [COERCION_MESSAGES[coerced.reason]] });
  const existing = current.states[taskName];
  if (!existing || existing.analyzed_value === null)
    throw ApiError.detail(400, 'This task has not been analyzed yet: it cannot be corrected before an analysis.');
  const record = writeWorkOrder(ctx);
  const state = record.states[taskName];
  const previous = state.corrected_value ?? state.analyzed_value;
  const now = nowMicros();
  state.corrected_value = coerced.value;
  if (typeof body.corrected_value === 'string') state.corrected_as_sent = body.corrected_value;
  else delete state.corrected_as_sent;
  state.update_us = now;
  record.update_us = now;
  record.score_override = null;
  record.timeline.push({
    id: randomUUID(),
    date_us: now,
    type: 'correction',
    user_email: API_USER_EMAIL,
    task_group_name: group.name,
    task_name: taskName,
    payload: { previous_value: previous, corrected_value: coerced.value },
  });
  ctx.sim.store.saved(record);
  const full = {
    id: ctx.sim.site.taskId(taskName),
    name: taskName,
    state: taskState(task, state, true, ctx.profile.echoCorrectedValueAsSent),
    progress_score: workOrderScore(ctx.sim.site, record),
  };
  return json(200, ctx.profile.correctionResult(full));
}

const SEGMENT = '([^/]+)';

const ROUTES: Route[] = [
  { pattern: /^\/v0\.2\/work-orders\/$/, methods: { GET: list, POST: create } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/$`), methods: { GET: retrieve, PUT: update(true), PATCH: update(false), DELETE: remove } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/metadata/$`), methods: { PATCH: metadata(false), PUT: metadata(true) } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/timeline/$`), methods: { GET: timeline } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/analyze/$`), methods: { POST: analyze } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/analyze/callback/$`), methods: { POST: analyzeWithCallback } },
  { pattern: new RegExp(`^/v0\\.2/work-orders/${SEGMENT}/tasks/${SEGMENT}/correction/$`), methods: { PATCH: correction } },
  { pattern: /^\/v0\.2\/task-groups\/$/, methods: { GET: taskGroups } },
];

const TASK_GROUP_ROUTES: Record<Profile['taskGroupRoute'], Route> = {
  slashed: { pattern: new RegExp(`^/v0\\.2/task-groups/${SEGMENT}/$`), methods: { GET: taskGroup } },
  slashless: { pattern: new RegExp(`^/v0\\.2/task-groups/${SEGMENT}$`), methods: { GET: taskGroup } },
};

/** The routes of a site with this profile. */
export function routesFor(profile: Pick<Profile, 'taskGroupRoute'>): Route[] {
  return [...ROUTES, TASK_GROUP_ROUTES[profile.taskGroupRoute]];
}

export function matchRoute(path: string, routes: readonly Route[]): { route: Route; params: string[] } | null {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    try {
      return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return null; // malformed percent-encoding: no such resource
    }
  }
  return null;
}
