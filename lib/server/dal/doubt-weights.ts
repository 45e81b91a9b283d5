import 'server-only';
import { recordAudit } from '@/lib/server/audit';
import { getDb, type Db } from '@/lib/server/db/client';
import { startDoubtRefresh } from '@/lib/server/doubt/job';
import { loadWeights, storeWeights } from '@/lib/server/doubt/weights';
import { z } from 'zod';
import { DEFAULT_DOUBT_WEIGHTS, DOUBT_COMPONENTS, MAX_DOUBT_WEIGHT, type DoubtComponent, type DoubtWeightsDto } from '@/lib/shared/doubt';
import { operation } from './operation';

/**
 * The doubt score's weights (admins only): read them, change them. A change is audited with
 * its before and after, and restarts the rescoring walk in the background (the request writes
 * no index row, however large the index).
 */

// Here, not beside the weights in lib/shared: the list and the admin page import those, and zod
// in a browser bundle is weight, and a CSP report (it probes for eval).
const doubtWeightsSchema = z.strictObject(
  Object.fromEntries(
    DOUBT_COMPONENTS.map((component) => [component, z.number().int('not_integer').min(0, 'too_small').max(MAX_DOUBT_WEIGHT, 'too_big')]),
  ) as Record<DoubtComponent, z.ZodNumber>,
);

/** The weights in force, with the defaults and who changed them last. */
async function weightsInForce(db: Db): Promise<DoubtWeightsDto> {
  const current = await loadWeights(db);
  return {
    weights: current.weights,
    defaults: { ...DEFAULT_DOUBT_WEIGHTS },
    updatedBy: current.updatedBy,
    updatedAt: current.updatedAt?.toISOString() ?? null,
    rescoring: current.rescoreAfter !== null,
  };
}

/** GET /api/admin/doubt-weights */
export const getDoubtWeights = operation({
  role: 'admin',
  scope: { none: 'the site-wide doubt score weights: admins only' },
  async run(): Promise<DoubtWeightsDto> {
    return weightsInForce(await getDb());
  },
});

/** PUT /api/admin/doubt-weights `{conformityErrors, …}` (every weight) → the weights in force. */
export const updateDoubtWeights = operation({
  role: 'admin',
  scope: { none: 'the site-wide doubt score weights: admins only' },
  input: { body: doubtWeightsSchema },
  async run({ user, input, ctx }): Promise<DoubtWeightsDto> {
    const db = await getDb();
    const before = (await loadWeights(db)).weights;
    const after = input.body;
    await storeWeights(db, after, user.email);
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'doubt_weights_changed',
      before,
      after,
      outcome: 'succeeded',
      requestId: ctx.requestId,
    });
    void startDoubtRefresh();
    return weightsInForce(db);
  },
});
