/**
 * The browser's one way to call Field Review's own API (`/api/...`), and every call it makes.
 *
 * Every request is same-origin JSON with the session cookie, never cached, and follows one policy:
 *
 * - **Time limit**: 25 s for every call, longer than the server's deadlines for reads (12 s) and
 *   writes (20 s) to the upstream, so the server answers first whenever it can. No answer in time,
 *   or no network, is "no answer" (`status` null): the caller cannot know whether a write happened.
 * - **401**: the session ended (expired, signed out elsewhere, account disabled). The page goes
 *   to the sign-in page, which brings the user back to the page they were on. A caller that keeps
 *   an unsaved intent on screen (the correction dialog) asks to be told instead
 *   (`onSessionEnded: 'report'`) and lets the user sign in again in another tab.
 * - **Errors**: anything but 2xx is an `ApiError` carrying our error shape
 *   `{error, message, requestId, fields?}` (`requestJson`), or the raw status and body for a
 *   caller that decides itself what each status means (`requestRaw`).
 */
import type { AdminUser, UserTeams } from '@/lib/shared/admin-users';
import type { Role } from '@/lib/shared/roles';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import type { SpotCheckAnswersRequest, SpotCheckDto, SpotCheckRateRequest, SpotCheckSettingsDto } from '@/lib/shared/spot-checks';
import type { UpstreamCheckState } from '@/lib/shared/upstream-check';
import type { DoubtWeights, DoubtWeightsDto } from '@/lib/shared/doubt';
import type { Column } from '@/lib/shared/work-order-filters';
import type {
  AnalysisDto,
  AnalysisPendingDto,
  AnalyzeResponse,
  ApiErrorBody,
  CorrectionRequest,
  Metadata,
  WorkOrderCreateRequest,
  WorkOrderDto,
  WorkOrderPatchRequest,
} from '@/lib/shared/work-order-dto';

// ---------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------

export const API_TIMEOUT_MS = 25_000;

/** A call that did not succeed: our error shape when the server sent one, else only the status. */
export class ApiError extends Error {
  constructor(
    /** null when no answer arrived (network error, time limit). */
    readonly status: number | null,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? (status === null ? 'network_error' : `http_${status}`));
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.error ?? (this.status === null ? 'network_error' : `http_${this.status}`);
  }

  /** Field name → what is wrong with it (text, or a code of the form's own catalogue); empty when none. */
  get fields(): Record<string, string> {
    return this.body?.fields ?? {};
  }
}

/** What to show for a failed call when the screen has nothing more specific: the server's message, else the error code. */
export function errorMessage(caught: unknown): string {
  return caught instanceof ApiError ? (caught.body?.message ?? caught.code) : String(caught);
}

export interface RequestOptions extends Omit<RequestInit, 'body' | 'signal'> {
  /** Sent as the JSON body. */
  json?: unknown;
  /** `'report'`: a 401 is answered to the caller instead of leaving the page for the sign-in page. */
  onSessionEnded?: 'sign-in' | 'report';
  /** For a call that runs a long job on the server (the upstream check): more than the usual limit. */
  timeoutMs?: number;
}

export interface RawResponse {
  /** null when no answer arrived (network error, time limit). */
  status: number | null;
  body: unknown;
  /** The answer's `Retry-After`, in seconds, when it gave one (our server sends delay-seconds). */
  retryAfter?: number;
}

/** A `Retry-After` in delay-seconds; anything else is ignored. */
function retryAfterSeconds(value: string | null): number | undefined {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

const SIGN_IN_PATH = '/sign-in';

/**
 * Leaves the page for the sign-in page, which comes back here once signed in. A full navigation
 * on purpose: nothing of the ended session stays in memory.
 */
export function signInAgain(): void {
  const { pathname, search } = window.location;
  if (pathname === SIGN_IN_PATH) return;
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`${SIGN_IN_PATH}?reason=expired&callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A request that never throws: the caller decides what each status means. */
export async function requestRaw(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  const { json, headers, onSessionEnded = 'sign-in', timeoutMs = API_TIMEOUT_MS, ...rest } = options;
  const requestHeaders = new Headers(headers);
  requestHeaders.set('accept', 'application/json');
  if (json !== undefined) requestHeaders.set('content-type', 'application/json');
  let answer: RawResponse;
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...rest,
      signal: AbortSignal.timeout(timeoutMs),
      headers: requestHeaders,
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    answer = { status: response.status, body: await readBody(response), ...(retryAfter !== undefined && { retryAfter }) };
  } catch {
    return { status: null, body: null };
  }
  if (answer.status === 401 && onSessionEnded === 'sign-in') signInAgain();
  return answer;
}

function asErrorBody(body: unknown): ApiErrorBody | null {
  if (body && typeof body === 'object' && typeof (body as ApiErrorBody).error === 'string') return body as ApiErrorBody;
  return null;
}

/** A JSON request that throws `ApiError` on anything but 2xx. */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { status, body } = await requestRaw(url, options);
  if (status === null || status < 200 || status >= 300) throw new ApiError(status, asErrorBody(body));
  return body as T;
}

/** The SWR fetcher of every read. */
export const fetchJson = <T>(url: string): Promise<T> => requestJson<T>(url);

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

// ---------------------------------------------------------------------------------------
// The calls, by feature (URLs are also the SWR keys of the reads)
// ---------------------------------------------------------------------------------------

const segment = encodeURIComponent;
const withQuery = (path: string, queryString: string | null | undefined) => (queryString ? `${path}?${queryString}` : path);

// The signed-in shell

export const HEALTH_URL = '/api/health';
export const SESSION_URL = '/api/auth/session';

// Work orders

export const workOrderUrl = (workOrderId: string) => `/api/work-orders/${segment(workOrderId)}`;
export const timelineUrl = (workOrderId: string) => `${workOrderUrl(workOrderId)}/timeline`;

/** A work order's evidence pack can take a while: every photo is fetched from the upstream. */
const EVIDENCE_PACK_TIMEOUT_MS = 120_000;

/**
 * POST /api/work-orders/{id}/evidence-pack → the PDF and the name to save it under, or an
 * `ApiError` with our error shape (the pack is not a JSON answer, so not `requestJson`).
 */
export async function fetchEvidencePack(workOrderId: string): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(`${workOrderUrl(workOrderId)}/evidence-pack`, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/pdf, application/json' },
      signal: AbortSignal.timeout(EVIDENCE_PACK_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(null, null);
  }
  if (!response.ok || response.headers.get('content-type') !== 'application/pdf') {
    const body = asErrorBody(await readBody(response));
    if (response.status === 401) signInAgain();
    throw new ApiError(response.status, body);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'evidence-pack.pdf';
  return { blob: await response.blob(), filename };
}

export function createWorkOrder(request: WorkOrderCreateRequest): Promise<WorkOrderDto> {
  return requestJson<WorkOrderDto>('/api/work-orders', { method: 'POST', json: request });
}

export function updateWorkOrder(workOrderId: string, patch: WorkOrderPatchRequest): Promise<WorkOrderDto> {
  return requestJson<WorkOrderDto>(workOrderUrl(workOrderId), { method: 'PATCH', json: patch });
}

/** Merge (keys not listed are kept) or replace (keys not listed are removed). */
export function saveMetadata(workOrderId: string, metadata: Metadata, mode: 'merge' | 'replace'): Promise<WorkOrderDto> {
  return requestJson<WorkOrderDto>(`${workOrderUrl(workOrderId)}/metadata`, { method: mode === 'merge' ? 'PATCH' : 'PUT', json: metadata });
}

export function deleteWorkOrder(workOrderId: string): Promise<void> {
  return requestJson<void>(workOrderUrl(workOrderId), { method: 'DELETE' });
}

// Corrections

export const REASON_CODES_URL = '/api/reason-codes';

export const correctionHistoryUrl = (workOrderId: string, taskId: string) => `${workOrderUrl(workOrderId)}/tasks/${segment(taskId)}/correction`;

export interface CorrectionIntent {
  value: CorrectionRequest['correctedValue'];
  reason: string;
  comment: string;
  /** The task version the user saw, sent as `If-Match` (none: the server compares values). */
  baseVersion: string | null;
  idempotencyKey: string;
}

/**
 * Sends one correction. The answer is handed back as it came (the correction's state machine
 * reads every status), a 401 included: the dialog keeps the value and offers to sign in again.
 */
export function sendCorrection(workOrderId: string, taskId: string, intent: CorrectionIntent): Promise<RawResponse> {
  const comment = intent.comment.trim();
  return requestRaw(`${workOrderUrl(workOrderId)}/tasks/${segment(taskId)}/correction`, {
    method: 'PATCH',
    headers: { 'Idempotency-Key': intent.idempotencyKey, ...(intent.baseVersion && { 'If-Match': `"${intent.baseVersion}"` }) },
    json: { correctedValue: intent.value, reason: intent.reason, ...(comment && { comment }) },
    onSessionEnded: 'report',
  });
}

// Photo analysis

export interface AnalysisUpload {
  taskGroupName: string;
  /** A data URI of the photo or PDF. */
  source: string;
}

/** Synchronous: the upstream's result and the work order read again. */
export function analyze(workOrderId: string, upload: AnalysisUpload): Promise<AnalyzeResponse> {
  return requestJson<AnalyzeResponse>(`${workOrderUrl(workOrderId)}/analyze`, { method: 'POST', json: upload });
}

/** With callback: answered at once; the result arrives later (`getAnalysis`). */
export function analyzeWithCallback(workOrderId: string, upload: AnalysisUpload): Promise<AnalysisPendingDto> {
  return requestJson<AnalysisPendingDto>(`${workOrderUrl(workOrderId)}/analyze/callback`, { method: 'POST', json: upload });
}

export function getAnalysis(workOrderId: string, analysisId: string): Promise<AnalysisDto> {
  return requestJson<AnalysisDto>(`${workOrderUrl(workOrderId)}/analyses/${segment(analysisId)}`);
}

// Review state (ours, not the upstream's)

export type ReviewStatus = 'to_review' | 'reviewed';

/**
 * The review state of a work order. Asked with the list query the user came from, the answer
 * names the next work order of that search (`nextId`).
 */
export interface ReviewStateDto {
  status: ReviewStatus;
  reviewedAt: string | null;
  /** The reviewer's e-mail (null when reopened or when that user was deleted). */
  reviewedBy: string | null;
  nextId?: string | null;
}

/** The query string of a list URL (`/work-orders?x=1` → `x=1`), or null. */
export function listQuery(from: string | null | undefined): string | null {
  if (!from) return null;
  const index = from.indexOf('?');
  return index >= 0 && index < from.length - 1 ? from.slice(index + 1) : null;
}

export function reviewUrl(workOrderId: string, from?: string | null): string {
  return withQuery(`${workOrderUrl(workOrderId)}/review`, listQuery(from));
}

export function setReviewStatus(workOrderId: string, status: ReviewStatus, from?: string | null): Promise<ReviewStateDto> {
  const query = listQuery(from);
  return requestJson<ReviewStateDto>(reviewUrl(workOrderId), { method: 'POST', json: { status, ...(query && { query }) } });
}

// The work-order list

export const searchUrl = (queryString: string) => withQuery('/api/work-orders', queryString);
export const exportUrl = (queryString: string) => withQuery('/api/work-orders/export', queryString);
export const metadataValuesUrl = (key: string) => withQuery('/api/work-orders/metadata-values', new URLSearchParams({ key }).toString());

export type BulkReviewRequest = { status: ReviewStatus; ids: string[] } | { status: ReviewStatus; query: string; expectedCount: number };

export function bulkReview(request: BulkReviewRequest): Promise<{ status: string; updated: number }> {
  return requestJson('/api/work-orders/review', { method: 'POST', json: request });
}

export function requestSync(): Promise<{ started: boolean }> {
  return requestJson('/api/index/sync', { method: 'POST', json: { full: false } });
}

// Saved views

export const SAVED_VIEWS_URL = '/api/saved-views';

export function saveView(view: { name: string; shared: boolean; query: string; columns: Column[] }): Promise<SavedViewDto> {
  return requestJson<SavedViewDto>(SAVED_VIEWS_URL, { method: 'POST', json: view });
}

export function deleteView(viewId: string): Promise<void> {
  return requestJson<void>(`${SAVED_VIEWS_URL}/${segment(viewId)}`, { method: 'DELETE' });
}

// Overview

export const overviewUrl = (queryString: string) => withQuery('/api/overview', queryString);
export const aiAccuracyUrl = (queryString: string) => withQuery('/api/overview/ai-accuracy', queryString);

// Users (admins)

export const USERS_URL = '/api/admin/users';

export function listUsers(): Promise<{ users: AdminUser[] }> {
  return requestJson(USERS_URL);
}

export function createUser(input: { email: string; name?: string; role: Role; password?: string }): Promise<{ user: AdminUser }> {
  return requestJson(USERS_URL, { method: 'POST', json: input });
}

export function updateUser(
  userId: string,
  patch: { role?: Role; disabled?: boolean; password?: string; name?: string } & Partial<UserTeams>,
): Promise<{ user: AdminUser }> {
  return requestJson(`${USERS_URL}/${segment(userId)}`, { method: 'PATCH', json: patch });
}

// User groups (admins)

export const USER_GROUPS_URL = '/api/admin/user-groups';

export const OIDC_GROUP_MAPPINGS_URL = '/api/admin/oidc-group-mappings';

export function setOidcGroupMapping(claimValue: string, userGroupIds: string[]): Promise<{ claimValue: string; userGroupIds: string[] }> {
  return requestJson(OIDC_GROUP_MAPPINGS_URL, { method: 'PUT', json: { claimValue, userGroupIds } });
}

export function nameUserGroup(groupId: string, name: string): Promise<{ id: string; name: string | null }> {
  return requestJson(`${USER_GROUPS_URL}/${segment(groupId)}`, { method: 'PUT', json: { name } });
}

// Sign-in throttling (admins)

export const SIGN_IN_THROTTLE_URL = '/api/admin/sign-in-throttle';

export function clearUserSignInThrottle(userId: string): Promise<{ cleared: number }> {
  return requestJson(`${USERS_URL}/${segment(userId)}/sign-in-throttle`, { method: 'DELETE' });
}

export function clearAddressSignInThrottle(address: string): Promise<{ cleared: number }> {
  return requestJson(`${SIGN_IN_THROTTLE_URL}/addresses/${segment(address)}`, { method: 'DELETE' });
}

// Audit log (admins)

export const auditUrl = (queryString: string) => withQuery('/api/admin/audit', queryString);
export const auditExportUrl = (queryString: string) => withQuery('/api/admin/audit/export', queryString);

/** A check reads about ten answers upstream, each with its own deadline: it gets two minutes. */
const UPSTREAM_CHECK_TIMEOUT_MS = 120_000;

/** Runs the check of the Deepomatic site now, on the server, and answers its result. */
export function runUpstreamCheck(): Promise<UpstreamCheckState> {
  return requestJson('/api/admin/upstream-check', { method: 'POST', timeoutMs: UPSTREAM_CHECK_TIMEOUT_MS });
}

// Spot checks

export const SPOT_CHECK_STATS_URL = '/api/spot-checks/stats';

export function setSpotCheckRate(ratePercent: number): Promise<SpotCheckSettingsDto> {
  return requestJson('/api/spot-checks/settings', { method: 'PUT', json: { ratePercent } satisfies SpotCheckRateRequest });
}

export function answerSpotCheck(workOrderId: string, answers: SpotCheckAnswersRequest['answers']): Promise<SpotCheckDto> {
  return requestJson(`/api/spot-checks/${segment(workOrderId)}`, { method: 'POST', json: { answers } satisfies SpotCheckAnswersRequest });
}

// Doubt score weights (admins)

export function saveDoubtWeights(weights: DoubtWeights): Promise<DoubtWeightsDto> {
  return requestJson('/api/admin/doubt-weights', { method: 'PUT', json: weights });
}
