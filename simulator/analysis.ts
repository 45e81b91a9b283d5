/**
 * Analyze: input decoding and limits, data-conformity checks, then the task analysis
 * that updates states and the score.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sniffFileType } from '../lib/shared/file-signature';
import { evaluateTask, type TaskValue } from '../lib/shared/progress-score';
import { infer } from './ai';
import { conformityFromDigest, localiseFinding, type Language } from './conformity';
import { nowMicros, type Micros } from './dates';
import { ApiError, isPlainObject } from './http-util';
import type { ConformityFinding, InputRecord, WorkOrderRecord } from './model';
import { inputResource, taskState, workOrderScore, type SerializeContext } from './serialize';
import type { Site } from './site';
import type { UploadStore } from './uploads';

export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const PDF_MAX_BYTES = 8 * 1024 * 1024;

export interface AnalyzeRequest {
  taskGroupName: string;
  kind: 'image' | 'pdf';
  source: string;
}

function inputsError(message: string): ApiError {
  return ApiError.fields({ inputs: [message] });
}

/**
 * Reads the analyze body: the canonical form, plus variants (e.g. `context` for
 * `task_group_name`), since the API documentation does not spell out the field names.
 */
export function parseAnalyzeBody(raw: unknown, site: Site, record: WorkOrderRecord): AnalyzeRequest {
  if (!isPlainObject(raw)) throw ApiError.fields({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
  let taskGroupName: unknown = raw.task_group_name ?? raw.context;
  const inputs = raw.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw inputsError(inputs === undefined ? 'This field is required.' : 'Exactly one image or PDF input is required.');
  const media: Array<{ kind: 'image' | 'pdf'; source: unknown }> = [];
  for (const item of inputs) {
    if (!isPlainObject(item)) throw inputsError('Each input must be an object such as {"image": {"source": "..."}}.');
    if (item.context !== undefined && taskGroupName === undefined) taskGroupName = item.context;
    else if (isPlainObject(item.text) && taskGroupName === undefined) taskGroupName = item.text.source;
    for (const kind of ['image', 'pdf'] as const) {
      if (item[kind] === undefined) continue;
      const value = item[kind];
      media.push({ kind, source: isPlainObject(value) ? value.source : value });
    }
  }
  if (media.length !== 1) throw inputsError('Exactly one image or PDF input is required.');
  const [{ kind, source }] = media;
  if (typeof source !== 'string' || source.length === 0) throw inputsError('The input source must be a URL or a data URI.');
  if (taskGroupName === undefined || taskGroupName === null) throw ApiError.fields({ task_group_name: ['This field is required.'] });
  if (typeof taskGroupName !== 'string') throw ApiError.fields({ task_group_name: ['Not a valid string.'] });
  if (!site.group(taskGroupName)) throw ApiError.fields({ task_group_name: [`Task group "${taskGroupName}" does not exist.`] });
  if (!record.layout.includes(taskGroupName))
    throw ApiError.fields({ task_group_name: [`Task group "${taskGroupName}" is not active on this work order.`] });
  return { taskGroupName, kind, source };
}

const DATA_URI = /^data:([a-z]+\/[a-z0-9.*+-]+)(?:;[a-z-]+=[^;,]*)*;base64,/i;
const IMAGE_TYPES = new Set(['image/jpg', 'image/jpeg', 'image/png', 'image/*']);

function sniff(bytes: Buffer): 'image/png' | 'image/jpeg' | 'application/pdf' | null {
  return sniffFileType(bytes, ['image/png', 'image/jpeg', 'application/pdf']);
}

function checkSize(kind: 'image' | 'pdf', size: number): void {
  if (kind === 'image' && size > IMAGE_MAX_BYTES) throw inputsError('The image is larger than the maximum size of 5 MB.');
  if (kind === 'pdf' && size > PDF_MAX_BYTES) throw inputsError('The PDF is larger than the maximum size of 8 MB.');
}

export interface ResolvedInput {
  bytes: Buffer;
  mediaType: 'image/png' | 'image/jpeg' | 'application/pdf';
}

/** Fetches a URL source (loopback only: the simulator never calls the internet). */
export type UrlLoader = (url: URL, limit: number) => Promise<Buffer | null>;

export async function resolveInput(request: AnalyzeRequest, loadUrl: UrlLoader): Promise<ResolvedInput> {
  const { kind, source } = request;
  let bytes: Buffer;
  const match = DATA_URI.exec(source);
  if (match) {
    const declared = match[1].toLowerCase();
    if (kind === 'image' && !IMAGE_TYPES.has(declared)) throw inputsError(`Unsupported image type "${declared}": use JPEG or PNG.`);
    if (kind === 'pdf' && declared !== 'application/pdf') throw inputsError(`Unsupported PDF type "${declared}".`);
    const payload = source.slice(match[0].length).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) throw inputsError('The data URI is not valid base64.');
    checkSize(kind, Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0));
    bytes = Buffer.from(payload, 'base64');
  } else if (source.startsWith('data:')) {
    throw inputsError('Invalid data URI: expected "data:<type>;base64,<data>".');
  } else {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw inputsError('The input source must be a URL or a data URI.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw inputsError('The input URL must use http or https.');
    const limit = kind === 'image' ? IMAGE_MAX_BYTES : PDF_MAX_BYTES;
    const loaded = await loadUrl(url, limit + 1);
    if (!loaded) throw inputsError('The input could not be downloaded from the URL.');
    bytes = loaded;
  }
  checkSize(kind, bytes.length);
  if (bytes.length === 0) throw inputsError('The input is empty.');
  const sniffed = sniff(bytes);
  if (kind === 'image' && sniffed !== 'image/png' && sniffed !== 'image/jpeg') throw inputsError('The input is not a JPEG or PNG image.');
  if (kind === 'pdf' && sniffed !== 'application/pdf') throw inputsError('The input is not a PDF document.');
  return { bytes, mediaType: sniffed as ResolvedInput['mediaType'] };
}

export interface AnalyzeResult {
  input: ReturnType<typeof inputResource>;
  conformity_messages: ReturnType<typeof localiseFinding>[];
  status: InputRecord['status'];
  tasks: Array<{ id: string; name: string; state: ReturnType<typeof taskState> }>;
  progress_score: number;
}

export interface AnalysisEnvironment {
  ctx: SerializeContext;
  uploads: UploadStore;
  actor: string;
  language: Language;
}

/**
 * Runs the analysis on a work order the caller may change: records the input, then
 * either stops at a conformity error (no state change) or updates the group's tasks.
 * `forced` values (admin) replace the model's answers.
 */
export function applyAnalysis(
  env: AnalysisEnvironment,
  record: WorkOrderRecord,
  taskGroupName: string,
  input: ResolvedInput & { kind: 'image' | 'pdf' },
  options: { forcedValues?: Record<string, TaskValue>; forcedFindings?: ConformityFinding[]; at?: Micros } = {},
): AnalyzeResult {
  const { site } = env.ctx;
  const group = site.group(taskGroupName);
  if (!group) throw ApiError.fields({ task_group_name: [`Task group "${taskGroupName}" does not exist.`] });
  const at = options.at ?? nowMicros();
  const digest = createHash('sha256').update(input.bytes).digest();
  const digestHex = digest.toString('hex');

  let findings: ConformityFinding[];
  if (options.forcedFindings) findings = options.forcedFindings;
  else {
    findings = input.kind === 'image' ? conformityFromDigest(digest) : [];
    const previous = env.uploads.seen(digestHex);
    if (previous.some((p) => p.workOrderId === record.id)) findings.push({ code: 'duplicate', level: 'error', variant: 'same' });
    else if (previous.length > 0) findings.push({ code: 'duplicate', level: 'warning', variant: 'other' });
  }
  const hasError = findings.some((f) => f.level === 'error');

  const inputRecord: InputRecord = {
    id: randomUUID(),
    task_group_name: group.name,
    type: input.kind,
    create_us: at,
    status: hasError ? 'conformity_error' : 'analysis_ok',
    conformity: findings,
    origin: 'uploaded',
    boxes: [],
  };
  env.uploads.put(inputRecord.id, { bytes: input.bytes, mediaType: input.mediaType });
  env.uploads.remember(digestHex, record.id, inputRecord.id);
  record.inputs.push(inputRecord);
  record.update_us = at;

  const conformityPayload = findings.map((f) => ({ code: f.code, level: f.level }));
  const tasks: AnalyzeResult['tasks'] = [];
  if (hasError) {
    record.timeline.push({
      id: randomUUID(),
      date_us: at,
      type: 'conformity_error',
      user_email: env.actor,
      task_group_name: group.name,
      input_id: inputRecord.id,
      payload: { status: 'conformity_error', conformity_messages: conformityPayload },
    });
  } else {
    let allValidated = true;
    const results: Array<{ task_name: string; analyzed_value: TaskValue }> = [];
    for (const task of group.tasks) {
      const inference = infer(site, task, digestHex);
      const forced = options.forcedValues?.[task.name];
      const value = forced ?? inference.value;
      const boxes = inference.boxes;
      inputRecord.boxes.push(...boxes);
      const previous = record.states[task.name];
      const analyzedInput = { input_id: inputRecord.id, bounding_boxes: boxes };
      // Validation is sticky, as Deepomatic documents it (a validated checkpoint cannot be
      // invalidated): a task the AI already validated keeps its value when a later photo
      // says otherwise. A forced value always applies.
      const previouslyValidated =
        previous &&
        previous.analyzed_value !== null &&
        evaluateTask({ outcome_validation: task.outcome_validation, state: { analyzed_value: previous.analyzed_value, corrected_value: null } })
          .is_conformity_validated;
      const newValidated = evaluateTask({
        outcome_validation: task.outcome_validation,
        state: { analyzed_value: value, corrected_value: null },
      }).is_conformity_validated;
      const keep = previouslyValidated && !newValidated && forced === undefined;
      record.states[task.name] = {
        analyzed_value: keep ? previous.analyzed_value : value,
        corrected_value: previous?.corrected_value ?? null,
        ...(previous?.corrected_as_sent !== undefined ? { corrected_as_sent: previous.corrected_as_sent } : {}),
        analyzed_inputs: [...(previous?.analyzed_inputs ?? []), analyzedInput],
        update_us: at,
      };
      const state = record.states[task.name];
      results.push({ task_name: task.name, analyzed_value: state.analyzed_value as TaskValue });
      if (task.conformity_status && !evaluateTask({ outcome_validation: task.outcome_validation, state }).is_conformity_validated)
        allValidated = false;
      tasks.push({ id: site.taskId(task.name), name: task.name, state: taskState(task, state, true, env.ctx.correctedValueAsSent) });
    }
    inputRecord.status = allValidated ? 'analysis_ok' : 'analysis_ko';
    record.score_override = null;
    record.timeline.push({
      id: randomUUID(),
      date_us: at,
      type: 'analysis',
      user_email: env.actor,
      task_group_name: group.name,
      input_id: inputRecord.id,
      payload: { status: inputRecord.status, conformity_messages: conformityPayload, tasks: results },
    });
  }
  return {
    input: inputResource(env.ctx, record, inputRecord),
    conformity_messages: findings.map((f) => localiseFinding(f, env.language)),
    status: inputRecord.status,
    tasks,
    progress_score: workOrderScore(site, record),
  };
}
