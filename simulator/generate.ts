/**
 * Seeded work orders, derived on demand from (seed, index): a cheap skeleton (id, name,
 * dates) for listing and ordering 100k work orders without building them, and the full
 * record (tasks, inputs, states, timeline) built only when one is read.
 */
import { evaluateTask } from '../lib/shared/progress-score';
import { boxesFor, chooseValue } from './ai';
import { DAY, HOUR, MINUTE, SECOND, type Micros } from './dates';
import type { InputRecord, Metadata, StateRecord, TimelineEvent, WorkOrderRecord } from './model';
import { API_USER_EMAIL, SUPERVISORS, TECHNICIANS, USER_GROUPS } from './people';
import { Random } from './random';
import type { Site } from './site';

export interface GenerationContext {
  seed: string;
  site: Site;
  /** End of the 90-day window. */
  nowUs: Micros;
  count: number;
}

export type Profile = 'not_started' | 'in_progress' | 'complete' | 'blocked';

export interface Skeleton {
  index: number;
  id: string;
  name: string;
  createUs: Micros;
  updateUs: Micros;
  profile: Profile;
}

const WINDOW = 90 * DAY;
const DEPARTMENTS = ['75', '92', '93', '94', '69', '13', '33', '59', '31', '44', '67', '06'];
const REGIONS: Record<string, string> = {
  '75': 'Île-de-France',
  '92': 'Île-de-France',
  '93': 'Île-de-France',
  '94': 'Île-de-France',
  '69': 'Auvergne-Rhône-Alpes',
  '13': "Provence-Alpes-Côte d'Azur",
  '06': "Provence-Alpes-Côte d'Azur",
  '33': 'Nouvelle-Aquitaine',
  '59': 'Hauts-de-France',
  '31': 'Occitanie',
  '44': 'Pays de la Loire',
  '67': 'Grand Est',
};
const TAGS = ['urgent', 'zone-dense', 'b2b', 'reprise', 'audit-qualite', 'client-vip'];
const FIELD_TECHNICIANS = TECHNICIANS.slice(0, 12);

export function skeleton(ctx: GenerationContext, index: number): Skeleton {
  const random = new Random('wo', ctx.seed, index);
  const id = random.uuid();
  const start = ctx.nowUs - WINDOW;
  const createUs = start + Math.floor(((index + random.next()) / Math.max(ctx.count, 1)) * (WINDOW - HOUR));
  const ageUs = ctx.nowUs - createUs;
  const roll = random.next();
  let profile: Profile;
  if (ageUs < 2 * DAY) profile = roll < 0.35 ? 'not_started' : roll < 0.85 ? 'in_progress' : roll < 0.95 ? 'complete' : 'blocked';
  else profile = roll < 0.06 ? 'not_started' : roll < 0.34 ? 'in_progress' : roll < 0.88 ? 'complete' : 'blocked';
  const maxDuration = Math.max(ageUs - MINUTE, SECOND);
  const duration =
    profile === 'not_started'
      ? Math.min(5 * SECOND + Math.floor(random.next() * 2 * MINUTE), maxDuration)
      : Math.min(10 * MINUTE + Math.floor(random.next() ** 2 * 3 * DAY), Math.floor(maxDuration * (0.6 + 0.4 * random.next())));
  const nameRoll = random.next();
  const department = random.pick(DEPARTMENTS);
  let name: string;
  if (nameRoll < 0.55) name = `INT-${department}-${String(random.int(0, 999999)).padStart(6, '0')}`;
  else if (nameRoll < 0.95) name = random.hex(8).toUpperCase();
  else name = `RELANCE-${random.int(100, 499)}`; // a small name space: duplicate names happen
  return { index, id, name, createUs, updateUs: createUs + duration, profile };
}

function pickTypes(ctx: GenerationContext, random: Random): string[] {
  const roll = random.next();
  if (ctx.site.app.key === 'fiber') {
    if (roll < 0.7) return ['raccordement-pm'];
    if (roll < 0.8) return ['controle-pm'];
    if (roll < 0.9) return ['inspection-rapide'];
    return [];
  }
  if (roll < 0.4) return ['raccordement'];
  if (roll < 0.6) return ['maintenance'];
  if (roll < 0.72) return ['releve-compteur'];
  if (roll < 0.8) return ['audit-poteau'];
  if (roll < 0.85) return ['raccordement', 'audit-poteau'];
  if (roll < 0.9) return ['inspection-rapide'];
  return [];
}

/** Application order with neighbours swapped now and then: the sample's task groups are not sorted. */
function shuffleLayout(names: string[], random: Random): string[] {
  const layout = [...names];
  for (let i = 0; i + 1 < layout.length; i += 2) {
    if (random.chance(0.5)) [layout[i], layout[i + 1]] = [layout[i + 1], layout[i]];
  }
  return layout;
}

function metadataFor(skel: Skeleton, random: Random, site: Site): Metadata {
  if (site.app.key === 'fiber') {
    return random.chance(0.8)
      ? { created_with: 'mobile_app' }
      : { 'ID PB': random.pick(['Paris', 'Lyon', 'Lille']), 'ID PM': random.pick(['Roule', 'Gare', 'Port']) };
  }
  const department = skel.name.startsWith('INT-') ? skel.name.slice(4, 6) : random.pick(DEPARTMENTS);
  const metadata: Metadata = { region: REGIONS[department] ?? 'Île-de-France' };
  if (random.chance(0.85)) metadata['ID PB'] = `PB-${department}-${String(random.int(1, 9999)).padStart(4, '0')}`;
  if (random.chance(0.7)) metadata['ID PM'] = `PM-${department}-${String(random.int(1, 999)).padStart(3, '0')}`;
  metadata.intervention_date = new Date(Math.floor(skel.createUs / 1000) + random.int(0, 3) * 86_400_000).toISOString().slice(0, 10);
  if (random.chance(0.6)) metadata.priority = random.int(1, 3);
  if (random.chance(0.15)) metadata.urgent = true;
  metadata.created_with = random.chance(0.7) ? 'mobile_app' : 'api';
  return metadata;
}

interface Step {
  kind: 'input' | 'conformity_error' | 'correction';
  group: string;
  taskName?: string;
  good?: boolean;
}

/**
 * The seeded work order for `index`. Deterministic; the caller owns the result.
 * `lite` skips what a list summary does not need (inputs, boxes, timeline) and gives the
 * same summary: ids and boxes come from their own random streams for that reason.
 */
export function generateWorkOrder(ctx: GenerationContext, index: number, lite = false): WorkOrderRecord {
  const { site } = ctx;
  const skel = skeleton(ctx, index);
  const random = new Random('wo-full', ctx.seed, index);
  const ids = new Random('wo-ids', ctx.seed, index);

  const technician = random.chance(0.92) ? random.pick(FIELD_TECHNICIANS) : null;
  const userGroupIds = technician ? [...technician.userGroupIds] : random.chance(0.5) ? [random.pick(USER_GROUPS).id] : [];
  const types = pickTypes(ctx, random);
  const layout = shuffleLayout(site.activeGroupNames(types), random);
  const tags = random.chance(0.35) ? [random.pick(TAGS)] : [];
  if (random.chance(0.08)) tags.push(random.pick(TAGS));

  // Plan what happened, in order, then spread it between creation and last update.
  const steps: Step[] = [];
  const profile = skel.profile;
  if (profile !== 'not_started') {
    const analyzed = layout.filter((_, i) => profile === 'complete' || i === 0 || random.chance(0.55));
    let blockedGroup: string | undefined;
    if (profile === 'blocked') blockedGroup = layout.find((name) => !analyzed.includes(name)) ?? analyzed.pop();
    for (const group of analyzed) {
      if (random.chance(0.12)) steps.push({ kind: 'conformity_error', group });
      steps.push({ kind: 'input', group, good: profile === 'complete' ? true : random.chance(0.7) });
    }
    if (blockedGroup) steps.push({ kind: 'conformity_error', group: blockedGroup });
    if (analyzed.length > 0 && random.chance(0.12)) {
      const corrections = random.int(1, 2);
      for (let i = 0; i < corrections; i += 1) steps.push({ kind: 'correction', group: random.pick(analyzed) });
    }
  }

  const record: WorkOrderRecord = {
    id: skel.id,
    name: skel.name,
    create_us: skel.createUs,
    update_us: skel.updateUs,
    review_us: null,
    metadata: metadataFor(skel, random, site),
    tags: [...new Set(tags)],
    field_engineer_email: technician?.email ?? null,
    field_engineer_name: technician ? (technician.name ?? technician.email) : null,
    user_group_ids: userGroupIds,
    work_order_types: types,
    layout,
    states: {},
    inputs: [],
    timeline: [],
    score_override: null,
  };
  const creator = record.metadata.created_with === 'api' ? API_USER_EMAIL : (technician?.email ?? API_USER_EMAIL);
  const event = (date: Micros, type: TimelineEvent['type'], extra: Partial<TimelineEvent> = {}): void => {
    if (lite) return;
    record.timeline.push({
      id: ids.uuid(),
      date_us: date,
      type,
      user_email: extra.user_email === undefined ? creator : extra.user_email,
      payload: {},
      ...extra,
    });
  };
  event(skel.createUs, 'work_order_created', {
    payload: { name: record.name, work_order_types: types, field_engineer_email: record.field_engineer_email },
  });

  const span = skel.updateUs - skel.createUs;
  const stepTime = (i: number): Micros =>
    i === steps.length - 1 ? skel.updateUs : skel.createUs + Math.floor(((i + 0.5 + random.next() * 0.4) / steps.length) * span);
  if (steps.length === 0) event(skel.updateUs, 'work_order_updated', { payload: { fields: ['field_engineer_email'] } });

  steps.forEach((step, i) => {
    const at = stepTime(i);
    const group = site.group(step.group);
    if (!group) return;
    const actor = technician?.email ?? API_USER_EMAIL;
    if (step.kind === 'conformity_error') {
      const finding = random.chance(0.6)
        ? { code: 'blur' as const, level: 'error' as const }
        : { code: 'brightness' as const, level: 'error' as const, variant: 'dark' };
      if (lite) return;
      const input: InputRecord = {
        id: ids.uuid(),
        task_group_name: group.name,
        type: 'image',
        create_us: at,
        status: 'conformity_error',
        conformity: [finding],
        origin: 'generated',
        boxes: [],
      };
      record.inputs.push(input);
      event(at, 'conformity_error', {
        user_email: actor,
        task_group_name: group.name,
        input_id: input.id,
        payload: { status: 'conformity_error', conformity_messages: [{ code: finding.code, level: finding.level }] },
      });
      return;
    }
    if (step.kind === 'correction') {
      const analyzedTasks = group.tasks.filter((t) => record.states[t.name]);
      if (analyzedTasks.length === 0) return;
      const task = random.pick(analyzedTasks);
      const state = record.states[task.name];
      const validated = evaluateTask({ outcome_validation: task.outcome_validation, state }).is_conformity_validated;
      const corrected = chooseValue(site, task, random, !validated || random.chance(0.2) ? !validated : validated);
      const supervisor = random.pick(SUPERVISORS);
      const previous = state.corrected_value ?? state.analyzed_value;
      state.corrected_value = corrected;
      state.update_us = at;
      event(at, 'correction', {
        user_email: supervisor,
        task_group_name: group.name,
        task_name: task.name,
        payload: { previous_value: previous, corrected_value: corrected },
      });
      return;
    }
    const warning = random.chance(0.1) ? { code: 'brightness' as const, level: 'warning' as const, variant: 'bright' } : null;
    const input: InputRecord = {
      id: lite ? '' : ids.uuid(),
      task_group_name: group.name,
      type: 'image',
      create_us: at,
      status: 'analysis_ok',
      conformity: warning ? [warning] : [],
      origin: 'generated',
      boxes: [],
    };
    let allValidated = true;
    const results: Array<{ task_name: string; analyzed_value: unknown }> = [];
    for (const task of group.tasks) {
      const wantGood = step.good === true || random.chance(0.5);
      const value = chooseValue(site, task, random, wantGood);
      const boxes = lite ? [] : boxesFor(new Random('boxes', ctx.seed, index, i, task.name), task, value);
      input.boxes.push(...boxes);
      const state: StateRecord = {
        analyzed_value: value,
        corrected_value: null,
        analyzed_inputs: lite ? [] : [{ input_id: input.id, bounding_boxes: boxes }],
        update_us: at,
      };
      record.states[task.name] = state;
      results.push({ task_name: task.name, analyzed_value: value });
      if (task.conformity_status && !evaluateTask({ outcome_validation: task.outcome_validation, state }).is_conformity_validated)
        allValidated = false;
    }
    input.status = allValidated ? 'analysis_ok' : 'analysis_ko';
    if (lite) return;
    record.inputs.push(input);
    event(at, 'analysis', {
      user_email: actor,
      task_group_name: group.name,
      input_id: input.id,
      payload: { status: input.status, conformity_messages: input.conformity.map((f) => ({ code: f.code, level: f.level })), tasks: results },
    });
  });

  if (
    (profile === 'complete' || profile === 'in_progress') &&
    skel.updateUs < ctx.nowUs - DAY &&
    random.chance(profile === 'complete' ? 0.45 : 0.1)
  ) {
    record.review_us = Math.min(skel.updateUs + HOUR + Math.floor(random.next() * 20 * HOUR), ctx.nowUs - MINUTE);
  }
  return record;
}
