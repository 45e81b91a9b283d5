/**
 * The deployed site: one application, its current version (task and task-group ids)
 * and the derived look-ups every handler needs.
 */
import { evaluateTask, type TaskValue } from '../lib/shared/progress-score';
import type { AppDefinition, TaskDefinition, TaskGroupDefinition, WorkOrderTypeDefinition } from './apps';
import { uuidFor } from './random';

export interface TaskCandidates {
  good: TaskValue[];
  bad: TaskValue[];
}

export class Site {
  readonly app: AppDefinition;
  private version = 0;
  private groups = new Map<string, TaskGroupDefinition>();
  private tasks = new Map<string, { task: TaskDefinition; group: TaskGroupDefinition }>();
  private groupIds = new Map<string, string>();
  private taskIds = new Map<string, string>();
  private taskNamesById = new Map<string, string>();
  private types = new Map<string, WorkOrderTypeDefinition>();
  private typesById = new Map<string, WorkOrderTypeDefinition>();
  private candidates = new Map<string, TaskCandidates>();
  appVersionId: string;

  constructor(app: AppDefinition) {
    this.app = app;
    this.appVersionId = app.appVersionId;
    for (const group of app.taskGroups) this.registerGroup(group);
    for (const type of app.workOrderTypes) {
      this.types.set(type.name, type);
      this.typesById.set(type.id, type);
    }
    this.assignIds();
  }

  get siteId(): string {
    return this.app.siteId;
  }

  get appVersion(): number {
    return this.version;
  }

  /** Adds a task group met in a fixture that the application does not define. */
  registerGroup(group: TaskGroupDefinition): void {
    if (this.groups.has(group.name)) return;
    this.groups.set(group.name, group);
    for (const task of group.tasks) {
      if (!this.tasks.has(task.name)) this.tasks.set(task.name, { task, group });
    }
    if (!this.app.taskGroups.includes(group)) this.app.taskGroups.push(group);
    this.assignIds();
  }

  registerType(type: WorkOrderTypeDefinition): void {
    if (this.typesById.has(type.id) || this.types.has(type.name)) return;
    this.app.workOrderTypes.push(type);
    this.types.set(type.name, type);
    this.typesById.set(type.id, type);
  }

  /** New application version: every task and task-group id changes, names stay. */
  upgrade(): void {
    this.version += 1;
    this.appVersionId = uuidFor('app-version', this.app.key, this.app.siteId, this.version);
    this.assignIds();
  }

  private assignIds(): void {
    this.groupIds.clear();
    this.taskIds.clear();
    this.taskNamesById.clear();
    for (const group of this.groups.values()) {
      this.groupIds.set(group.name, this.version === 0 ? group.id : uuidFor('group', this.app.siteId, this.version, group.name));
      for (const task of group.tasks) {
        const id = this.version === 0 ? task.id : uuidFor('task', this.app.siteId, this.version, task.name);
        this.taskIds.set(task.name, id);
        this.taskNamesById.set(id, task.name);
      }
    }
  }

  /** Task groups sorted by `order` (then name, for stable output). */
  sortedGroups(): TaskGroupDefinition[] {
    return [...this.groups.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  }

  group(name: string): TaskGroupDefinition | undefined {
    return this.groups.get(name);
  }

  task(name: string): TaskDefinition | undefined {
    return this.tasks.get(name)?.task;
  }

  groupOfTask(name: string): TaskGroupDefinition | undefined {
    return this.tasks.get(name)?.group;
  }

  groupId(name: string): string {
    return this.groupIds.get(name) ?? uuidFor('group', this.app.siteId, this.version, name);
  }

  taskId(name: string): string {
    return this.taskIds.get(name) ?? uuidFor('task', this.app.siteId, this.version, name);
  }

  taskNameById(id: string): string | undefined {
    return this.taskNamesById.get(id);
  }

  workOrderType(name: string): WorkOrderTypeDefinition | undefined {
    return this.types.get(name);
  }

  workOrderTypeById(id: string): WorkOrderTypeDefinition | undefined {
    return this.typesById.get(id);
  }

  workOrderTypes(): WorkOrderTypeDefinition[] {
    return [...this.types.values()];
  }

  /** Task groups a work order of these types activates, in application order (all when no type). */
  activeGroupNames(typeNames: readonly string[]): string[] {
    const sorted = this.sortedGroups();
    if (typeNames.length === 0) return sorted.map((g) => g.name);
    const wanted = new Set<string>();
    for (const name of typeNames) for (const groupName of this.types.get(name)?.task_group_names ?? []) wanted.add(groupName);
    return sorted.filter((g) => wanted.has(g.name)).map((g) => g.name);
  }

  /** Values the simulated AI may give a task, split by whether they validate it. */
  candidatesFor(task: TaskDefinition): TaskCandidates {
    let sets = this.candidates.get(task.name);
    if (!sets) {
      const values: TaskValue[] =
        task.candidates ?? (task.outcome_type === 'Boolean' ? [true, false] : task.outcome_type === 'Number' ? [0, 1, 3, 7] : ['OK', 'KO']);
      sets = { good: [], bad: [] };
      for (const value of values) {
        const evaluation = evaluateTask({ outcome_validation: task.outcome_validation, state: null }, value);
        (evaluation.is_conformity_validated ? sets.good : sets.bad).push(value);
      }
      this.candidates.set(task.name, sets);
    }
    return sets;
  }
}
