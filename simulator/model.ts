/** The simulator's internal state of a work order. Served through `serialize.ts`. */
import type { BoundingBox, TaskValue } from '../lib/shared/progress-score';
import type { UpstreamTimelineType } from '../lib/shared/work-order-dto';
import type { Micros } from './dates';

export type ConformityCode = 'blur' | 'brightness' | 'duplicate';
export type ConformityLevel = 'warning' | 'error';
export type InputStatus = 'analysis_ok' | 'analysis_ko' | 'conformity_error';

/** A raised data-conformity check; its text is localised when served. */
export interface ConformityFinding {
  code: ConformityCode;
  level: ConformityLevel;
  /** Variant of the message, e.g. brightness "dark" / "bright", duplicate "same" / "other". */
  variant?: string;
}

export interface InputRecord {
  id: string;
  task_group_name: string;
  type: 'image' | 'pdf';
  create_us: Micros;
  status: InputStatus;
  conformity: ConformityFinding[];
  /** Where the simulator got the bytes: generated (seeded data) or uploaded by a client. */
  origin: 'generated' | 'uploaded';
  /** Boxes drawn on the generated photo so they line up with the AI's boxes. */
  boxes: BoundingBox[];
}

export interface StateRecord {
  analyzed_value: TaskValue | null;
  corrected_value: TaskValue | null;
  /** `corrected_value` exactly as the client sent it, when it was text (echoed by the `documented` profile). */
  corrected_as_sent?: string;
  analyzed_inputs: Array<{ input_id: string; bounding_boxes: BoundingBox[] }>;
  update_us: Micros;
}

export type TimelineType = UpstreamTimelineType;

export interface TimelineEvent {
  id: string;
  date_us: Micros;
  type: TimelineType;
  user_email: string | null;
  task_group_name?: string;
  /** Stored by name: task ids change with the application version. */
  task_name?: string;
  input_id?: string;
  payload: Record<string, unknown>;
}

export type Metadata = Record<string, string | number | boolean>;

export interface WorkOrderRecord {
  id: string;
  name: string;
  create_us: Micros;
  update_us: Micros;
  review_us: Micros | null;
  metadata: Metadata;
  tags: string[];
  field_engineer_email: string | null;
  field_engineer_name: string | null;
  user_group_ids: string[];
  work_order_types: string[];
  /** Task-group names in the order served (not sorted; may repeat, as in the sample). */
  layout: string[];
  /** Task states keyed by task name. */
  states: Record<string, StateRecord>;
  inputs: InputRecord[];
  timeline: TimelineEvent[];
  /** A score imported from a fixture, served until the next analysis or correction. */
  score_override: number | null;
}
