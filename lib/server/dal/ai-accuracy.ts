import 'server-only';
import { aiAccuracy } from '@/lib/server/ai-accuracy/ai-accuracy';
import { getDb } from '@/lib/server/db/client';
import { scoped } from '@/lib/server/index/search';
import type { AiAccuracy } from '@/lib/shared/ai-accuracy';
import { overviewSearchParams, parseOverviewParams } from '@/lib/shared/overview';
import { operation } from './operation';
import { searchParamsSchema } from './validation';

const overviewQuery = searchParamsSchema((params) => {
  const parsed = parseOverviewParams(params);
  return parsed.ok ? { ok: true, value: parsed.params } : parsed;
});

/**
 * GET /api/overview/ai-accuracy?<list filters> — the AI's overturn rates (every correction the
 * upstream records) per task, application version and week, and the drift alarm, over the
 * work orders of the user's teams the overview's filter matches.
 */
export const getAiAccuracy = operation({
  role: 'viewer',
  scope: 'list',
  input: { query: overviewQuery },
  async run({ scope, input }): Promise<AiAccuracy> {
    return aiAccuracy(await getDb(), scoped(input.query.query, scope), overviewSearchParams(input.query).toString());
  },
});
