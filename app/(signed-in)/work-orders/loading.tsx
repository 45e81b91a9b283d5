import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';

/** The list's skeleton: title, toolbar, then rows — the same shape as the page. */
export default function WorkOrdersLoading() {
  return (
    <Box aria-busy="true">
      <Skeleton variant="text" width={260} height={48} />
      <Stack direction="row" spacing={1} sx={{ my: 2 }}>
        <Skeleton variant="rounded" width={320} height={40} />
        <Skeleton variant="rounded" width={110} height={40} />
        <Skeleton variant="rounded" width={140} height={40} />
        <Skeleton variant="rounded" width={120} height={40} />
      </Stack>
      {Array.from({ length: 12 }, (_, i) => (
        <Skeleton key={i} variant="rectangular" height={36} sx={{ mb: 0.5 }} />
      ))}
    </Box>
  );
}
