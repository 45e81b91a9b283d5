'use client';

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { PhotoWithBoxes, type TaskBox } from '@/components/work-order/PhotoWithBoxes';
import type { BlindTaskGroupDto } from '@/lib/shared/spot-checks';

/**
 * A task group's photos through our media proxy. Boxes are the AI's output: none are passed
 * before the reveal (the server sends none either).
 */
export function BlindPhotos({ group, boxes }: { group: BlindTaskGroupDto; boxes: ReadonlyMap<string, TaskBox[]> }) {
  const t = useTranslations('spotChecks.review');
  if (group.photos.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('noPhoto')}
      </Typography>
    );
  }
  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' } }}>
      {group.photos.map((photo, index) => (
        <Box key={photo.inputId} data-testid="spot-check-photo">
          <PhotoWithBoxes
            src={photo.imageUrl}
            alt={t('photoAlt', { index: index + 1, group: group.displayName })}
            boxes={boxes.get(photo.inputId) ?? []}
            selectedTaskId={null}
          />
        </Box>
      ))}
    </Box>
  );
}
