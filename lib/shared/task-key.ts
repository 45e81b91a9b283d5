/**
 * How Field Review names a task in everything it keeps (audit log, correction history,
 * "corrected by" notes, drafts, overview figures): its task group's name and its own name,
 * within a work order. Deepomatic gives tasks and task groups new ids whenever a site upgrades
 * its application version, while their names stay; an id is only a detail of one version.
 */
export interface TaskName {
  taskGroupName: string;
  taskName: string;
}

/**
 * One string per (task group, task) pair, for maps and sets. JSON keeps the pair unambiguous
 * whatever characters the names hold (a separator could appear inside a name).
 */
export function taskKey(taskGroupName: string, taskName: string): string {
  return JSON.stringify([taskGroupName, taskName]);
}
