import { operationContext } from '@/lib/server/dal/context';
import { mergeWorkOrderMetadata, replaceWorkOrderMetadata } from '@/lib/server/dal/work-orders';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

type Params = { id: string };

/** PATCH /api/work-orders/{id}/metadata (supervisor): merge `{key: value}` → `WorkOrderDto`. */
export const PATCH = handler<Params>(
  async (ctx) => mergeWorkOrderMetadata(operationContext(ctx), ctx.params.id, ctx.json),
  { maxBodyBytes: 256 * 1024 },
);

/** PUT /api/work-orders/{id}/metadata (supervisor): replace the whole metadata → `WorkOrderDto`. */
export const PUT = handler<Params>(
  async (ctx) => replaceWorkOrderMetadata(operationContext(ctx), ctx.params.id, ctx.json),
  { maxBodyBytes: 256 * 1024 },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['PATCH', 'PUT']);
export const GET = notAllowed;
export const POST = notAllowed;
export const DELETE = notAllowed;
