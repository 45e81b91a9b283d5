import type { OutcomeType, Rule, TaskValue } from '../../lib/shared/progress-score';

export interface TaskDefinition {
  /** Id in application version 0 (later versions derive new ids from the name). */
  id: string;
  name: string;
  sentence: string;
  mandatory: boolean;
  only_for_dashboard: boolean;
  conformity_status: boolean;
  outcome_type: OutcomeType;
  outcome_display: string;
  outcome_validation: Rule[] | null;
  /** Values the simulated AI can produce for this task (not served). */
  candidates?: TaskValue[];
}

export interface TaskGroupDefinition {
  id: string;
  name: string;
  display_name: string;
  description: string;
  order: number;
  /** Number of example photos served in `input_examples`. */
  exampleCount: number;
  remote_algorithm_instances: string[];
  tasks: TaskDefinition[];
}

export interface WorkOrderTypeDefinition {
  id: string;
  name: string;
  task_group_names: string[];
}

export interface MetadataDefinition {
  name: string;
  description: string;
  type: 'text' | 'number' | 'boolean';
  required: boolean;
  examples: Array<string | number | boolean>;
}

export interface AppDefinition {
  key: string;
  name: string;
  siteId: string;
  appVersionId: string;
  taskGroups: TaskGroupDefinition[];
  workOrderTypes: WorkOrderTypeDefinition[];
  metadataDefinitions: MetadataDefinition[];
}

export const GREEN = '#26e4bc';
export const RED = '#e4264e';
export const GREY = '#444444';
export const PURPLE = '#bc26e4';
export const YELLOW = '#fec403';
export const ORANGE = '#e45d26';

export function rule(schema: Rule['schema'], color: string, sentence: string, validated: boolean, notAnalyzed = false): Rule {
  return { color, schema, sentence, not_analyzed: notAnalyzed, is_conformity_validated: validated };
}

/** The usual Boolean rule pair of the sample: true → validated, false → not. */
export function booleanRules(ok: string, ko: string, koColor = RED, okColor = GREEN): Rule[] {
  return [rule({ type: 'boolean', const: true }, okColor, ok, true), rule({ type: 'boolean', const: false }, koColor, ko, false)];
}

export function booleanTask(
  id: string,
  name: string,
  sentence: string,
  rules: Rule[] | null,
  options: Partial<Pick<TaskDefinition, 'conformity_status' | 'only_for_dashboard' | 'mandatory'>> = {},
): TaskDefinition {
  return {
    id,
    name,
    sentence,
    mandatory: options.mandatory ?? true,
    only_for_dashboard: options.only_for_dashboard ?? false,
    conformity_status: options.conformity_status ?? true,
    outcome_type: 'Boolean',
    outcome_display: 'Select',
    outcome_validation: rules,
    candidates: [true, false],
  };
}
