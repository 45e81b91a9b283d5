/**
 * The parts of the upstream (v0.2) objects the DAL maps to DTOs, written structurally so the
 * mappers accept the client's zod-parsed types without depending on their exact names.
 * Optional fields are the ones the API's documentation does not promise: the mappers derive
 * them or show that they are unknown.
 */
import type { OutcomeType, RuleSchema, TaskValue } from '@/lib/shared/progress-score';

export interface UpstreamRule {
  schema: RuleSchema;
  color?: string | null;
  sentence?: string | null;
  not_analyzed?: boolean | null;
  is_conformity_validated?: boolean | null;
}

export interface UpstreamBoundingBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  label?: string | null;
  score?: number | null;
}

/** `undefined` message, colour or validation = the upstream did not say (derived from the rules). */
export interface UpstreamState {
  analyzed_value?: TaskValue | null;
  corrected_value?: TaskValue | null;
  message?: string | null;
  color?: string | null;
  is_conformity_validated?: boolean | null;
  analyzed_inputs?: ReadonlyArray<{ input_id: string; bounding_boxes?: readonly UpstreamBoundingBox[] | null }> | null;
  update_date?: string | null;
}

export interface UpstreamTaskDefinition {
  id: string;
  name: string;
  sentence?: string | null;
  task_group_name?: string | null;
  mandatory?: boolean | null;
  only_for_dashboard?: boolean | null;
  conformity_status?: boolean | null;
  /** As declared; null or a type we do not know is handled as Text. */
  outcome_type?: OutcomeType | string | null;
  outcome_display?: string | null;
  outcome_validation?: readonly UpstreamRule[] | null;
}

export interface UpstreamTask extends UpstreamTaskDefinition {
  state?: UpstreamState | null;
}

export interface UpstreamTaskGroup {
  id?: string | null;
  name: string;
  display_name?: string | null;
  description?: string | null;
  order?: number | null;
  input_examples?: readonly string[] | null;
}

export interface UpstreamConformityMessage {
  code?: string | null;
  name?: string | null;
  level?: string | null;
  message?: string | null;
}

export interface UpstreamInput {
  id: string;
  task_group_name?: string | null;
  type?: string | null;
  url?: string | null;
  create_date?: string | null;
  status?: string | null;
  conformity_messages?: readonly UpstreamConformityMessage[] | null;
}

export interface UpstreamWorkOrder {
  id: string;
  name: string;
  site_id?: string | null;
  app_version_id?: string | null;
  create_date?: string | null;
  update_date?: string | null;
  review_date?: string | null;
  metadata?: Record<string, unknown> | null;
  tags?: readonly string[] | null;
  field_engineer_email?: string | null;
  field_engineer_name?: string | null;
  user_group_ids?: ReadonlyArray<string | number> | null;
  work_order_types?: readonly string[] | null;
  progress_score: number;
  task_groups?: ReadonlyArray<UpstreamTaskGroup & { tasks?: ReadonlyArray<string | { id: string }> | null }> | null;
  tasks?: readonly UpstreamTask[] | null;
  /** Tasks the upstream sent but we could not read (shown as such, never counted). */
  unreadable_tasks?: ReadonlyArray<{ id: string | null; name: string | null; task_group_name: string | null }> | null;
  inputs?: readonly UpstreamInput[] | null;
}

export interface UpstreamTimelineEvent {
  id: string | number;
  work_order_id?: string | null;
  date: string;
  type: string;
  user_email?: string | null;
  task_group_name?: string | null;
  task_id?: string | null;
  task_name?: string | null;
  input_id?: string | null;
  payload?: Record<string, unknown> | null;
}

/** An analysis answer in either shape the client reads (`inputs` or `input`; `status` optional). */
export interface UpstreamAnalysisResult {
  inputs?: readonly UpstreamInput[] | null;
  conformity_messages?: readonly UpstreamConformityMessage[] | null;
  status?: string | null;
  tasks?: ReadonlyArray<{ id: string; name?: string | null; state?: UpstreamState | null }> | null;
  progress_score?: number | null;
}
