/**
 * What the browser receives from (and sends to) the spot-check routes. A blind work order
 * carries nothing of the AI's output: no value, verdict, rule message, colour, photo status,
 * conformity message or box. Those come only with the reveal, after the reviewer answered.
 */
import type { BoundingBoxDto, TaskValue } from './work-order-dto';

/** GET/PUT /api/spot-checks/settings (admin). */
export interface SpotCheckSettingsDto {
  /** Percent of fully passed work orders drawn (0–100, decimals allowed). */
  ratePercent: number;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Fully passed work orders in the index (score 100, no corrected task). */
  fullyPassed: number;
  /** Of those, drawn at the current rate. */
  drawn: number;
}

export interface SpotCheckRateRequest {
  ratePercent: number;
}

/** One row of the queue: a drawn work order nobody checked yet. */
export interface SpotCheckQueueItemDto {
  id: string;
  name: string;
  createDate: string;
}

/** GET /api/spot-checks */
export interface SpotCheckQueueDto {
  ratePercent: number;
  /** Drawn and not yet checked, all pages. */
  total: number;
  /** Newest first, at most `limit`. */
  items: SpotCheckQueueItemDto[];
  limit: number;
}

/** A task as the reviewer sees it before answering: what to check, never what the AI said. */
export interface BlindTaskDto {
  taskGroupName: string;
  taskName: string;
  sentence: string;
}

export interface BlindTaskGroupDto {
  name: string;
  displayName: string;
  tasks: BlindTaskDto[];
  /** Our proxy URLs of the group's photos (PDFs are left out). */
  photos: { inputId: string; imageUrl: string }[];
}

export interface BlindWorkOrderDto {
  id: string;
  name: string;
  taskGroups: BlindTaskGroupDto[];
}

/** One task after the reveal: the reviewer's answer beside the AI's. */
export interface RevealedTaskDto extends BlindTaskDto {
  reviewerOk: boolean;
  /** The verdict the task's rules gave the AI's own value; null when the AI gave none. */
  aiValidated: boolean | null;
  aiValue: TaskValue | null;
}

export interface SpotCheckRevealDto {
  checkedBy: string | null;
  checkedAt: string;
  tasks: RevealedTaskDto[];
  /** The AI's boxes per photo, shown once the answers are in. */
  boxes: { inputId: string; taskGroupName: string; taskName: string; box: BoundingBoxDto }[];
}

/** GET /api/spot-checks/{id}: blind until answered (`reveal` null), then with the reveal. */
export interface SpotCheckDto {
  workOrder: BlindWorkOrderDto;
  reveal: SpotCheckRevealDto | null;
}

/** POST /api/spot-checks/{id}: one answer per task of the blind work order. */
export interface SpotCheckAnswersRequest {
  answers: { taskGroupName: string; taskName: string; ok: boolean }[];
}

/** Per task name: how often the AI passed what the reviewer refused. */
export interface FalseAcceptRowDto {
  taskGroupName: string;
  taskName: string;
  /** Checked tasks the AI had passed. */
  checked: number;
  /** Of those, the reviewer said KO. */
  falseAccepts: number;
  estimate: number;
  low: number;
  high: number;
  /** More checks of this task for the 95 % interval to be ±2 points at most. */
  neededForTwoPoints: number;
}

/** GET /api/spot-checks/stats */
export interface SpotCheckStatsDto {
  ratePercent: number;
  checkedWorkOrders: number;
  waiting: number;
  tasks: FalseAcceptRowDto[];
}
