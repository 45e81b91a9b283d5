/**
 * Request-body validation with DRF-shaped errors: `{"field": ["message"]}`.
 */
import { ApiError, isPlainObject } from './http-util';
import type { Metadata } from './model';
import { USER_GROUPS, technicianByEmail } from './people';
import type { Site } from './site';

export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
export const NAME_MAX_LENGTH = 128;

export interface WorkOrderFields {
  name?: string;
  metadata?: Metadata;
  tags?: string[];
  field_engineer_email?: string | null;
  user_group_ids?: string[];
  work_order_types?: string[];
}

type Errors = Record<string, string[]>;

/** Root of a JSON body: DRF answers a non-object with a non-field error. */
export function requireObject(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) {
    const got = Array.isArray(body)
      ? 'list'
      : body === null
        ? 'NoneType'
        : typeof body === 'string'
          ? 'str'
          : typeof body === 'number'
            ? 'int'
            : typeof body === 'boolean'
              ? 'bool'
              : 'object';
    throw ApiError.fields({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
  }
  return body;
}

export function validateMetadata(value: unknown, errors: Errors, field = 'metadata', allowNull = false): Metadata | undefined {
  if (!isPlainObject(value)) {
    errors[field] = [`Expected a dictionary of items but got type "${Array.isArray(value) ? 'list' : typeof value}".`];
    return undefined;
  }
  const metadata: Metadata = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.length === 0 || key.length > 256) {
      errors[field] = ['Metadata keys must be 1 to 256 characters long.'];
      return undefined;
    }
    if (item === null && allowNull) continue;
    if (typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) metadata[key] = item;
    else {
      errors[field] = [`Value of "${key}" must be a text, a number or a boolean.`];
      return undefined;
    }
  }
  return metadata;
}

function stringList(value: unknown, field: string, errors: Errors): string[] | undefined {
  if (!Array.isArray(value)) {
    errors[field] = [`Expected a list of items but got type "${value === null ? 'null' : typeof value}".`];
    return undefined;
  }
  if (!value.every((item) => typeof item === 'string')) {
    errors[field] = ['Not a valid string.'];
    return undefined;
  }
  return value as string[];
}

/**
 * Create (`partial: false`, name required) or update (PATCH: every field optional).
 * `namePattern`: one documentation page restricts names to letters, digits, `_` and `-` (at most
 * 128); the endpoints' list says any value is accepted, which is the default here — spaces,
 * accents and slashes are kept exactly as sent.
 */
export function validateWorkOrderBody(raw: unknown, site: Site, partial: boolean, namePattern = false): WorkOrderFields {
  const body = requireObject(raw);
  const errors: Errors = {};
  const fields: WorkOrderFields = {};

  if (body.name === undefined) {
    if (!partial) errors.name = ['This field is required.'];
  } else if (body.name === null) errors.name = ['This field may not be null.'];
  else if (typeof body.name !== 'string') errors.name = ['Not a valid string.'];
  else if (body.name.length === 0) errors.name = ['This field may not be blank.'];
  else if (namePattern && body.name.length > NAME_MAX_LENGTH) errors.name = [`Ensure this field has no more than ${NAME_MAX_LENGTH} characters.`];
  else if (namePattern && !NAME_PATTERN.test(body.name)) errors.name = ['Only letters, digits, "_" and "-" are allowed in a work order name.'];
  else fields.name = body.name;

  if (body.metadata !== undefined) fields.metadata = validateMetadata(body.metadata, errors);

  if (body.tags !== undefined) {
    const tags = stringList(body.tags, 'tags', errors);
    if (tags && tags.some((t) => t.length === 0 || t.length > 128)) errors.tags = ['Tags must be 1 to 128 characters long.'];
    else if (tags) fields.tags = [...new Set(tags)];
  }

  if (body.field_engineer_email !== undefined) {
    const email = body.field_engineer_email;
    if (email === null || email === '') fields.field_engineer_email = null;
    else if (typeof email !== 'string') errors.field_engineer_email = ['Not a valid string.'];
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.field_engineer_email = ['Enter a valid email address.'];
    else if (!technicianByEmail(email)) errors.field_engineer_email = [`No Deepomatic account exists with the email "${email}".`];
    else fields.field_engineer_email = email.toLowerCase();
  }

  if (body.user_group_ids !== undefined) {
    const ids = stringList(body.user_group_ids, 'user_group_ids', errors);
    const unknown = ids?.find((id) => !USER_GROUPS.some((g) => g.id === id));
    if (unknown !== undefined) errors.user_group_ids = [`Invalid pk "${unknown}" - object does not exist.`];
    else if (ids) fields.user_group_ids = [...new Set(ids)];
  }

  if (body.work_order_types !== undefined) {
    const names = stringList(body.work_order_types, 'work_order_types', errors);
    const unknown = names?.find((name) => !site.workOrderType(name));
    if (unknown !== undefined) errors.work_order_types = [`Object with name=${unknown} does not exist.`];
    else if (names) fields.work_order_types = [...new Set(names)];
  }

  if (Object.keys(errors).length > 0) throw ApiError.fields(errors);
  return fields;
}
