import Typography from '@mui/material/Typography';

export type SaveStatusValue = { severity: 'success' | 'error'; text: string } | null;

/** The outcome of the last save under a form: announced politely, or as an alert when it failed. */
export function SaveStatus({ status }: { status: SaveStatusValue }) {
  if (!status) return null;
  return (
    <Typography
      role={status.severity === 'error' ? 'alert' : 'status'}
      color={status.severity === 'error' ? 'error' : 'text.secondary'}
      variant="body2"
    >
      {status.text}
    </Typography>
  );
}
