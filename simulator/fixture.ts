/**
 * Import of work orders in the real sample's shape (`--fixture FILE`): kept as given —
 * ids, names (duplicates too), dates, metadata, task-group order (unsorted, repeated),
 * rules (`null` too) and the stored `progress_score` until the next analysis/correction.
 */
import { readFileSync } from 'node:fs';
import type { Rule, TaskValue } from '../lib/shared/progress-score';
import type { TaskDefinition, TaskGroupDefinition } from './apps';
import { parseMicros } from './dates';
import { isPlainObject } from './http-util';
import type { Metadata, StateRecord, WorkOrderRecord } from './model';
import { Random } from './random';
import type { Site } from './site';

type Json = Record<string, unknown>;

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function micros(value: unknown, fallback: number): number {
  return typeof value === 'string' ? (parseMicros(value) ?? fallback) : fallback;
}

function taskFromFixture(raw: Json): TaskDefinition {
  const type = raw.outcome_type === 'Number' || raw.outcome_type === 'Text' ? raw.outcome_type : 'Boolean';
  return {
    id: text(raw.id),
    name: text(raw.name),
    sentence: text(raw.sentence, text(raw.name)),
    mandatory: raw.mandatory !== false,
    only_for_dashboard: raw.only_for_dashboard === true,
    conformity_status: raw.conformity_status === true,
    outcome_type: type,
    outcome_display: text(raw.outcome_display, 'Select'),
    outcome_validation: Array.isArray(raw.outcome_validation) ? (raw.outcome_validation as Rule[]) : null,
  };
}

function groupFromFixture(raw: Json): TaskGroupDefinition {
  return {
    id: text(raw.id),
    name: text(raw.name),
    display_name: text(raw.display_name, text(raw.name)),
    description: text(raw.description),
    order: typeof raw.order === 'number' ? raw.order : 0,
    exampleCount: Array.isArray(raw.input_examples) ? raw.input_examples.length : 0,
    remote_algorithm_instances: Array.isArray(raw.remote_algorithm_instances) ? (raw.remote_algorithm_instances as string[]) : [],
    tasks: Array.isArray(raw.tasks) ? (raw.tasks as Json[]).filter(isPlainObject).map(taskFromFixture) : [],
  };
}

function stateFromFixture(raw: unknown, fallbackUs: number): StateRecord | null {
  if (!isPlainObject(raw)) return null;
  const value = (v: unknown): TaskValue | null => (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' ? v : null);
  return {
    analyzed_value: value(raw.analyzed_value),
    corrected_value: value(raw.corrected_value),
    analyzed_inputs: Array.isArray(raw.analyzed_inputs) ? (raw.analyzed_inputs as StateRecord['analyzed_inputs']) : [],
    update_us: micros(raw.update_date, fallbackUs),
  };
}

export function readFixture(path: string): Json[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const list = Array.isArray(parsed) ? parsed : isPlainObject(parsed) && Array.isArray(parsed.results) ? parsed.results : null;
  if (!list) throw new Error(`Fixture ${path}: expected an array of work orders (or {"results": [...]})`);
  return list.filter(isPlainObject);
}

/** Turns sample-shaped work orders into records, teaching the site their task groups and types. */
export function importFixture(site: Site, workOrders: Json[]): WorkOrderRecord[] {
  const records: WorkOrderRecord[] = [];
  for (const raw of workOrders) {
    const groups = Array.isArray(raw.task_groups) ? (raw.task_groups as Json[]).filter(isPlainObject) : [];
    for (const group of groups) site.registerGroup(groupFromFixture(group));
    const typeNames: string[] = [];
    if (Array.isArray(raw.work_order_types)) typeNames.push(...raw.work_order_types.filter((t): t is string => typeof t === 'string'));
    else if (Array.isArray(raw.types)) {
      for (const typeId of raw.types.filter((t): t is string => typeof t === 'string')) {
        let type = site.workOrderTypeById(typeId);
        if (!type) {
          type = { id: typeId, name: `type-${typeId.slice(0, 8)}`, task_group_names: groups.map((g) => text(g.name)) };
          site.registerType(type);
        }
        typeNames.push(type.name);
      }
    }
    const createUs = micros(raw.create_date, Date.now() * 1000);
    const updateUs = micros(raw.update_date, createUs);
    const states: Record<string, StateRecord> = {};
    for (const group of groups) {
      for (const task of Array.isArray(group.tasks) ? (group.tasks as Json[]).filter(isPlainObject) : []) {
        const state = stateFromFixture(task.state, updateUs);
        if (state) states[text(task.name)] = state;
      }
    }
    const id = text(raw.id);
    const random = new Random('fixture', id);
    const email = typeof raw.field_engineer_email === 'string' ? raw.field_engineer_email : null;
    records.push({
      id,
      name: text(raw.name),
      create_us: createUs,
      update_us: updateUs,
      review_us: typeof raw.review_date === 'string' ? micros(raw.review_date, updateUs) : null,
      metadata: isPlainObject(raw.metadata) ? (raw.metadata as Metadata) : {},
      tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
      field_engineer_email: email,
      field_engineer_name: typeof raw.field_engineer_name === 'string' ? raw.field_engineer_name : email,
      user_group_ids: Array.isArray(raw.user_group_ids) ? raw.user_group_ids.filter((t): t is string => typeof t === 'string') : [],
      work_order_types: typeNames,
      layout: groups.map((g) => text(g.name)),
      states,
      inputs: [],
      timeline: [
        { id: random.uuid(), date_us: createUs, type: 'work_order_created', user_email: email, payload: { name: text(raw.name), imported: true } },
        ...(updateUs > createUs
          ? [{ id: random.uuid(), date_us: updateUs, type: 'work_order_updated' as const, user_email: email, payload: { imported: true } }]
          : []),
      ],
      score_override: typeof raw.progress_score === 'number' ? raw.progress_score : null,
    });
  }
  return records;
}
