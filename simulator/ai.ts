/**
 * The simulated vision model: the value of each task and its bounding boxes are pure
 * functions of the input (its bytes' digest, or the seeded input id) and the task name,
 * so the same photo always gives the same answer.
 */
import type { BoundingBox, TaskValue } from '../lib/shared/progress-score';
import type { TaskDefinition } from './apps';
import { Random } from './random';
import type { Site } from './site';

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/** 0 to 3 boxes, normalised 0..1, origin top-left, labelled with the task name. */
export function boxesFor(random: Random, task: TaskDefinition, value: TaskValue): BoundingBox[] {
  const positive = value === true || (typeof value === 'number' && value > 0) || (typeof value === 'string' && value.length > 0);
  const count = positive ? 1 + (random.uint32() % 2) : random.uint32() % 2;
  const boxes: BoundingBox[] = [];
  for (let i = 0; i < count; i += 1) {
    const width = 0.12 + random.next() * 0.3;
    const height = 0.12 + random.next() * 0.3;
    const xmin = random.next() * (1 - width);
    const ymin = 0.12 + random.next() * (0.86 - height);
    boxes.push({
      xmin: round4(xmin),
      ymin: round4(ymin),
      xmax: round4(xmin + width),
      ymax: round4(ymin + height),
      label: task.name,
      score: round4(0.55 + random.next() * 0.44),
    });
  }
  return boxes;
}

export interface Inference {
  value: TaskValue;
  boxes: BoundingBox[];
}

/** What the model "sees" for one task on one input (70 % of answers validate the task). */
export function infer(site: Site, task: TaskDefinition, inputKey: string): Inference {
  const random = new Random('ai', inputKey, task.name);
  const { good, bad } = site.candidatesFor(task);
  const preferGood = random.next() < 0.7;
  const pool = (preferGood && good.length > 0) || bad.length === 0 ? good : bad;
  const value = pool.length > 0 ? random.pick(pool) : true;
  return { value, boxes: boxesFor(random, task, value) };
}

/** A value of the wanted kind (validating or not) for seeded data. */
export function chooseValue(site: Site, task: TaskDefinition, random: Random, wantGood: boolean): TaskValue {
  const { good, bad } = site.candidatesFor(task);
  const pool = wantGood ? (good.length > 0 ? good : bad) : bad.length > 0 ? bad : good;
  return pool.length > 0 ? random.pick(pool) : true;
}
