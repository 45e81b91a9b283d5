import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from './ButtonLink';

/**
 * What a list page shows instead of its rows when its address holds a filter it cannot read
 * (a hand-edited or outdated link): each bad parameter with the reason, and a way back to the
 * unfiltered list.
 */
export async function InvalidQueryAlert({
  title,
  fields,
  resetHref,
  resetLabel,
}: {
  title: string;
  fields: Record<string, string> | undefined;
  resetHref: string;
  resetLabel: string;
}) {
  const tErrors = await getTranslations('errors.fields');
  return (
    <Alert
      severity="error"
      action={
        <ButtonLink href={resetHref} color="inherit">
          {resetLabel}
        </ButtonLink>
      }
    >
      <AlertTitle>{title}</AlertTitle>
      <ul>
        {Object.entries(fields ?? {}).map(([field, reason]) => (
          <li key={field}>
            <code>{field}</code>: {tErrors.has(reason) ? tErrors(reason) : reason}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
