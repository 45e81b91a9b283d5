import 'server-only';
import { aiAccuracy } from '@/lib/server/ai-accuracy/ai-accuracy';
import { getDb } from '@/lib/server/db/client';
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
 * work orders the overview's filter matches.
 */
export const getAiAccuracy = operation({
  role: 'viewer',
  input: { query: overviewQuery },
  async run({ input }): Promise<AiAccuracy> {
    return aiAccuracy(await getDb(), input.query.query, overviewSearchParams(input.query).toString());
  },
});
