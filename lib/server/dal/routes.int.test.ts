import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import * as workOrders from '@/app/api/work-orders/route';
import * as workOrder from '@/app/api/work-orders/[id]/route';
import * as metadata from '@/app/api/work-orders/[id]/metadata/route';
import * as timeline from '@/app/api/work-orders/[id]/timeline/route';
import * as evidencePack from '@/app/api/work-orders/[id]/evidence-pack/route';
import * as analyze from '@/app/api/work-orders/[id]/analyze/route';
import * as analyzeCallback from '@/app/api/work-orders/[id]/analyze/callback/route';
import * as analysis from '@/app/api/work-orders/[id]/analyses/[analysisId]/route';
import * as correction from '@/app/api/work-orders/[id]/tasks/[taskId]/correction/route';
import * as inputImage from '@/app/api/work-orders/[id]/inputs/[inputId]/image/route';
import * as taskGroups from '@/app/api/task-groups/route';
import * as taskGroup from '@/app/api/task-groups/[name]/route';
import * as taskGroupExample from '@/app/api/task-groups/[name]/examples/[index]/route';
import * as reasonCodes from '@/app/api/reason-codes/route';
import * as reasonCode from '@/app/api/reason-codes/[code]/route';
import * as signInThrottle from '@/app/api/admin/sign-in-throttle/route';
import * as signInThrottleAddress from '@/app/api/admin/sign-in-throttle/addresses/[address]/route';
import * as userSignInThrottle from '@/app/api/admin/users/[id]/sign-in-throttle/route';
import * as audit from '@/app/api/admin/audit/route';
import * as auditExport from '@/app/api/admin/audit/export/route';
import * as webhookEndpoints from '@/app/api/admin/webhooks/endpoints/route';
import * as webhookEndpoint from '@/app/api/admin/webhooks/endpoints/[id]/route';
import * as webhookSecret from '@/app/api/admin/webhooks/endpoints/[id]/secret/route';
import * as webhookDeliveries from '@/app/api/admin/webhooks/deliveries/route';
import * as webhookReplay from '@/app/api/admin/webhooks/deliveries/[id]/replay/route';
import * as spotCheckQueue from '@/app/api/spot-checks/route';
import * as spotCheck from '@/app/api/spot-checks/[id]/route';
import * as spotCheckSettings from '@/app/api/spot-checks/settings/route';
import * as spotCheckStats from '@/app/api/spot-checks/stats/route';
import * as aiAccuracy from '@/app/api/overview/ai-accuracy/route';
import * as doubtWeights from '@/app/api/admin/doubt-weights/route';
import * as userGroups from '@/app/api/admin/user-groups/route';
import * as oidcGroupMappings from '@/app/api/admin/oidc-group-mappings/route';
import * as userGroup from '@/app/api/admin/user-groups/[groupId]/route';
import { session } from '@/test/fakes/authorize';
import { ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const WO = crypto.randomUUID();
const ID = crypto.randomUUID();
const params = {
  id: WO,
  taskId: ID,
  inputId: ID,
  analysisId: ID,
  name: 'pm-ouvert-avant',
  index: '0',
  code: 'other',
  address: '203.0.113.9',
  groupId: 'north',
};

/** Every operation this part serves: path, module, the methods it implements, the minimum role. */
const ROUTES: Array<{ path: string; module: Record<string, unknown>; methods: Record<string, 'viewer' | 'supervisor' | 'admin'> }> = [
  { path: '/api/work-orders', module: workOrders, methods: { POST: 'supervisor' } },
  { path: `/api/work-orders/${WO}`, module: workOrder, methods: { GET: 'viewer', PATCH: 'supervisor', PUT: 'supervisor', DELETE: 'admin' } },
  { path: `/api/work-orders/${WO}/metadata`, module: metadata, methods: { PATCH: 'supervisor', PUT: 'supervisor' } },
  { path: `/api/work-orders/${WO}/timeline`, module: timeline, methods: { GET: 'viewer' } },
  { path: `/api/work-orders/${WO}/evidence-pack`, module: evidencePack, methods: { POST: 'supervisor' } },
  { path: `/api/work-orders/${WO}/analyze`, module: analyze, methods: { POST: 'supervisor' } },
  { path: `/api/work-orders/${WO}/analyze/callback`, module: analyzeCallback, methods: { POST: 'supervisor' } },
  { path: `/api/work-orders/${WO}/analyses/${ID}`, module: analysis, methods: { GET: 'viewer' } },
  { path: `/api/work-orders/${WO}/tasks/${ID}/correction`, module: correction, methods: { GET: 'viewer', PATCH: 'supervisor' } },
  { path: `/api/work-orders/${WO}/inputs/${ID}/image`, module: inputImage, methods: { GET: 'viewer' } },
  { path: '/api/task-groups', module: taskGroups, methods: { GET: 'viewer' } },
  { path: '/api/task-groups/pm-ouvert-avant', module: taskGroup, methods: { GET: 'viewer' } },
  { path: '/api/task-groups/pm-ouvert-avant/examples/0', module: taskGroupExample, methods: { GET: 'viewer' } },
  { path: '/api/reason-codes', module: reasonCodes, methods: { GET: 'viewer', POST: 'admin' } },
  { path: '/api/reason-codes/other', module: reasonCode, methods: { PATCH: 'admin' } },
  { path: '/api/admin/sign-in-throttle', module: signInThrottle, methods: { GET: 'admin' } },
  { path: '/api/admin/sign-in-throttle/addresses/203.0.113.9', module: signInThrottleAddress, methods: { DELETE: 'admin' } },
  { path: `/api/admin/users/${WO}/sign-in-throttle`, module: userSignInThrottle, methods: { DELETE: 'admin' } },
  { path: '/api/admin/audit', module: audit, methods: { GET: 'admin' } },
  { path: '/api/admin/audit/export', module: auditExport, methods: { GET: 'admin' } },
  { path: '/api/admin/webhooks/endpoints', module: webhookEndpoints, methods: { GET: 'admin', POST: 'admin' } },
  { path: `/api/admin/webhooks/endpoints/${WO}`, module: webhookEndpoint, methods: { PATCH: 'admin', DELETE: 'admin' } },
  { path: `/api/admin/webhooks/endpoints/${WO}/secret`, module: webhookSecret, methods: { POST: 'admin' } },
  { path: '/api/admin/webhooks/deliveries', module: webhookDeliveries, methods: { GET: 'admin' } },
  { path: `/api/admin/webhooks/deliveries/${WO}/replay`, module: webhookReplay, methods: { POST: 'admin' } },
  { path: '/api/spot-checks', module: spotCheckQueue, methods: { GET: 'supervisor' } },
  { path: `/api/spot-checks/${WO}`, module: spotCheck, methods: { GET: 'supervisor', POST: 'supervisor' } },
  { path: '/api/spot-checks/settings', module: spotCheckSettings, methods: { GET: 'admin', PUT: 'admin' } },
  { path: '/api/spot-checks/stats', module: spotCheckStats, methods: { GET: 'viewer' } },
  { path: '/api/overview/ai-accuracy', module: aiAccuracy, methods: { GET: 'viewer' } },
  { path: '/api/admin/doubt-weights', module: doubtWeights, methods: { GET: 'admin', PUT: 'admin' } },
  { path: '/api/admin/user-groups', module: userGroups, methods: { GET: 'admin' } },
  { path: '/api/admin/oidc-group-mappings', module: oidcGroupMappings, methods: { GET: 'admin', PUT: 'admin' } },
  { path: '/api/admin/user-groups/north', module: userGroup, methods: { PUT: 'admin' } },
];

function call(module: Record<string, unknown>, method: string, path: string, requestId: string): Promise<Response> {
  const handler = module[method] as Handler | undefined;
  if (!handler) throw new Error(`${path} exports no ${method}`);
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const req = new NextRequest(`http://127.0.0.1:3999${path}`, {
    method,
    headers: {
      origin: 'http://127.0.0.1:3999',
      'x-request-id': requestId,
      'idempotency-key': crypto.randomUUID(),
      'if-match': '"v"',
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? '{}' : undefined,
  });
  return handler(req, { params: Promise.resolve(params) });
}

setUpDalIntegration();

describe('every DAL route', () => {
  const cases = ROUTES.flatMap((route) => Object.entries(route.methods).map(([method, role]) => ({ ...route, method, role })));

  it.each(cases.map((c) => [`${c.method} ${c.path.replace(WO, '{id}').replace(ID, '{x}').replace(ID, '{x}')}`, c] as const))(
    '%s: 401 without a session, 403 below its role, and nothing sent upstream',
    async (_, c) => {
      session.user = null;
      const anonymous = crypto.randomUUID();
      const response = await call(c.module, c.method, c.path, anonymous);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthenticated', requestId: anonymous });
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const below = c.role === 'admin' ? 'supervisor' : c.role === 'supervisor' ? 'viewer' : null;
      if (below) {
        session.user = testUser(below);
        const refused = crypto.randomUUID();
        const answer = await call(c.module, c.method, c.path, refused);
        expect(answer.status).toBe(403);
        expect(await ledgerOfRequest(refused)).toEqual([]);
      }
      expect(await ledgerOfRequest(anonymous)).toEqual([]);
    },
  );

  it.each(ROUTES.filter((r) => r.module !== workOrders).map((r) => [r.path.replace(WO, '{id}'), r] as const))(
    '%s: other methods get 405 with Allow',
    async (_, route) => {
      session.user = testUser('admin');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !(m in route.methods))) {
        const response = await call(route.module, method, route.path, crypto.randomUUID());
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')?.split(', ').sort()).toEqual(Object.keys(route.methods).sort());
        expect(await response.json()).toMatchObject({ error: 'method_not_allowed' });
      }
    },
  );
});
