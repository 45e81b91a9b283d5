import { useTranslations } from 'next-intl';
import { ApiError } from './api';

/**
 * The helper text of each field our error shape names (`fields`: field name → what is wrong).
 * The server sends text in the user's language for the reasons every form shares; a form may
 * also get codes of its own (the users form: keys of `admin.errors`), which `translate` turns
 * into text. Anything else is shown as the server sent it.
 */
export function fieldErrorTexts(
  fields: Record<string, string>,
  translate: (code: string) => string | undefined = () => undefined,
): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [field, reason] of Object.entries(fields)) {
    if (reason) texts[field] = translate(reason) ?? reason;
  }
  return texts;
}

/**
 * `fieldErrors(error)`: the helper texts of a failed call, by field (none for anything but an
 * `ApiError` naming fields). `catalogue` is the namespace of the form's own codes, if it has any.
 */
export function useFieldErrorTexts(catalogue?: string): (error: unknown) => Record<string, string> {
  const t = useTranslations();
  const translate = (code: string) => (catalogue && t.has(`${catalogue}.${code}`) ? t(`${catalogue}.${code}`) : undefined);
  return (error) => (error instanceof ApiError ? fieldErrorTexts(error.fields, translate) : {});
}
