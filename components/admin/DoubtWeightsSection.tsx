'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { DOUBT_COMPONENTS, type DoubtWeightsDto } from '@/lib/shared/doubt';
import { useDoubtWeights } from './use-doubt-weights';

/**
 * The admin page's "Review queue" section: the doubt score's weights, points per unit of each
 * component (0 switches one off). Saving rescores every work order in the background.
 */
export function DoubtWeightsSection({ initial }: { initial: DoubtWeightsDto }) {
  const t = useTranslations('admin.doubt');
  const format = useFormatter();
  const form = useDoubtWeights(initial);

  return (
    <Box component="section" aria-labelledby="doubt-weights-title" sx={{ mt: 5, maxWidth: 1100 }}>
      <Typography variant="h5" component="h2" id="doubt-weights-title" gutterBottom>
        {t('title')}
      </Typography>
      <Typography color="textSecondary" sx={{ mb: 2, maxWidth: 820 }}>
        {t('intro')}
      </Typography>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void form.save();
        }}
      >
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, mb: 2 }}>
          {DOUBT_COMPONENTS.map((component) => (
            <TextField
              key={component}
              size="small"
              label={t(`weights.${component}`)}
              value={form.text[component]}
              onChange={(event) => form.setWeight(component, event.target.value)}
              error={form.invalid.has(component)}
              helperText={form.invalid.has(component) ? t('invalid') : t(`hints.${component}`, { default: form.saved.defaults[component] })}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4 } }}
              sx={{ width: 250 }}
            />
          ))}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={form.busy || !form.changed || form.invalid.size > 0}>
            {t('save')}
          </Button>
          <Button onClick={form.resetToDefaults} disabled={form.busy}>
            {t('defaults')}
          </Button>
          <Typography variant="body2" color="textSecondary">
            {form.saved.updatedAt
              ? t('updated', {
                  time: format.dateTime(new Date(form.saved.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                  who: form.saved.updatedBy ?? '—',
                })
              : t('neverChanged')}
          </Typography>
        </Stack>
      </form>
      {form.saved.rescoring ? (
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1 }}>
          {t('rescoring')}
        </Typography>
      ) : null}
      {form.outcome ? (
        <Alert severity={form.outcome.severity} role="status" sx={{ mt: 2 }}>
          {form.outcome.severity === 'success' ? t('saved') : t('failed', { message: form.outcome.message ?? '' })}
        </Alert>
      ) : null}
    </Box>
  );
}
