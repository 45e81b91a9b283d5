'use client';

import AddPhotoAlternateIcon from '@mui/icons-material/AddPhotoAlternate';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { InputDto, TaskGroupWithTasksDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { allTasks } from '@/lib/shared/work-order-dto';
import { useDateFormat } from './format';
import { firstPhoto } from './photo-order';
import { PhotoWithBoxes, type TaskBox } from './PhotoWithBoxes';
import { ZoomDialog } from './lazy-dialogs';

const KNOWN_STATUSES = new Set(['analysis_ok', 'analysis_ko', 'conformity_error', 'pending']);

/** Boxes per input id, from every task's `analyzedInputs`. */
function boxesByInput(workOrder: WorkOrderDto): Map<string, TaskBox[]> {
  const map = new Map<string, TaskBox[]>();
  for (const task of allTasks(workOrder)) {
    for (const analyzed of task.state?.analyzedInputs ?? []) {
      const list = map.get(analyzed.inputId) ?? [];
      for (const box of analyzed.boundingBoxes) list.push({ taskId: task.id, box });
      map.set(analyzed.inputId, list);
    }
  }
  return map;
}

export function ConformityMessages({ messages }: { messages: InputDto['conformityMessages'] }) {
  if (messages.length === 0) return null;
  return (
    <Stack spacing={0.5} sx={{ mt: 0.5 }}>
      {messages.map((message, index) => (
        <Alert
          key={`${message.code}-${index}`}
          severity={message.level === 'error' ? 'error' : 'warning'}
          sx={{ py: 0 }}
          data-testid="conformity-message"
        >
          {/* Upstream text, shown exactly as returned, as text. */}
          <strong>{message.name}</strong> — {message.message}
        </Alert>
      ))}
    </Stack>
  );
}

/** Every input of the work order grouped by task group, beside the group's example photo. */
export function PhotoPanel({
  workOrder,
  selectedTaskId,
  canAnalyze,
  onAddPhoto,
}: {
  workOrder: WorkOrderDto;
  selectedTaskId: string | null;
  canAnalyze: boolean;
  onAddPhoto(group: TaskGroupWithTasksDto): void;
}) {
  const t = useTranslations('workOrder.photos');
  const formatDate = useDateFormat();
  const boxes = useMemo(() => boxesByInput(workOrder), [workOrder]);
  const [zoomed, setZoomed] = useState<{ input: InputDto; group: TaskGroupWithTasksDto } | null>(null);
  const selectedGroup = workOrder.taskGroups.find((g) => g.tasks.some((task) => task.id === selectedTaskId))?.name ?? null;
  const firstPhotoId = useMemo(() => firstPhoto(workOrder), [workOrder]);

  return (
    <Stack spacing={3}>
      {workOrder.taskGroups.map((group) => {
        const inputs = workOrder.inputs.filter((input) => input.taskGroupName === group.name);
        return (
          <Box
            component="section"
            key={group.id}
            aria-labelledby={`photos-${group.id}`}
            sx={{ p: 1.5, border: 1, borderColor: group.name === selectedGroup ? 'primary.main' : 'divider', borderRadius: 1 }}
          >
            <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" component="h3" id={`photos-${group.id}`}>
                {group.displayName}
              </Typography>
              {canAnalyze ? (
                <Button size="small" startIcon={<AddPhotoAlternateIcon />} onClick={() => onAddPhoto(group)}>
                  {t('add')}
                </Button>
              ) : null}
            </Stack>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(0, 3fr) minmax(0, 1fr)' }, gap: 1.5 }}>
              <Stack spacing={1.5}>
                {inputs.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('none')}
                  </Typography>
                ) : null}
                {inputs.map((input, index) => (
                  <Box key={input.id} data-testid="work-order-input">
                    {input.imageUrl ? (
                      <ButtonBase
                        onClick={() => setZoomed({ input, group })}
                        aria-label={t('zoom', { group: group.displayName, index: index + 1 })}
                        sx={{
                          display: 'block',
                          width: '100%',
                          borderRadius: 1,
                          overflow: 'hidden',
                          '&:focus-visible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' },
                        }}
                      >
                        <PhotoWithBoxes
                          src={input.imageUrl}
                          alt={t('alt', { group: group.displayName, index: index + 1 })}
                          boxes={boxes.get(input.id) ?? []}
                          selectedTaskId={selectedTaskId}
                          first={input.id === firstPhotoId}
                        />
                      </ButtonBase>
                    ) : (
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <PictureAsPdfIcon aria-hidden />
                        <Typography variant="body2">{t('pdf', { index: index + 1 })}</Typography>
                      </Stack>
                    )}
                    <Typography variant="caption" color="text.secondary">
                      {formatDate(input.createDate)}
                      {input.status
                        ? ` · ${KNOWN_STATUSES.has(input.status) ? t(`status.${input.status}` as 'status.analysis_ok') : input.status}`
                        : ''}
                    </Typography>
                    <ConformityMessages messages={input.conformityMessages} />
                  </Box>
                ))}
              </Stack>
              <Box>
                <Typography variant="caption" color="text.secondary" component="p">
                  {t('example')}
                </Typography>
                {group.exampleImageUrls.length === 0 ? (
                  <Typography variant="caption" color="text.secondary">
                    {t('noExample')}
                  </Typography>
                ) : (
                  // eslint-disable-next-line @next/next/no-img-element -- our own authenticated proxy, never optimised
                  <img
                    src={group.exampleImageUrls[0]}
                    alt={t('exampleAlt', { group: group.displayName })}
                    loading="lazy"
                    style={{ display: 'block', width: '100%', height: 'auto', borderRadius: 4 }}
                  />
                )}
              </Box>
            </Box>
          </Box>
        );
      })}
      {zoomed && zoomed.input.imageUrl ? (
        <ZoomDialog
          src={zoomed.input.imageUrl}
          alt={t('alt', { group: zoomed.group.displayName, index: 1 })}
          title={zoomed.group.displayName}
          boxes={boxes.get(zoomed.input.id) ?? []}
          selectedTaskId={selectedTaskId}
          onClose={() => setZoomed(null)}
        />
      ) : null}
    </Stack>
  );
}
