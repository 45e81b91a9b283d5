'use client';

import AddPhotoAlternateIcon from '@mui/icons-material/AddPhotoAlternate';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { InputDto, TaskGroupWithTasksDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { allTasks } from '@/lib/shared/work-order-dto';
import { useDateFormat } from './format';
import { firstPhoto } from './photo-order';
import { PhotoWithBoxes, type TaskBox } from './PhotoWithBoxes';
import { ZoomDialog } from './lazy-dialogs';
import { AlertErrorIcon, AlertWarningIcon, PdfIcon } from './plain-icons';
import styles from './PhotoPanel.module.css';

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

/** A photo's conformity messages, each drawn as MUI's standard alert (role and all) by the panel's CSS module. */
export function ConformityMessages({ messages }: { messages: InputDto['conformityMessages'] }) {
  if (messages.length === 0) return null;
  return (
    <div className={styles.messages}>
      {messages.map((message, index) => {
        const error = message.level === 'error';
        return (
          <div
            key={`${message.code}-${index}`}
            role="alert"
            className={`${styles.alert} ${error ? styles.error : styles.warning}`}
            data-testid="conformity-message"
          >
            <div className={styles.alertIcon}>{error ? <AlertErrorIcon /> : <AlertWarningIcon />}</div>
            <div className={styles.alertMessage}>
              {/* Upstream text, shown exactly as returned, as text. */}
              <strong>{message.name}</strong> — {message.message}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Every input of the work order grouped by task group, beside the group's example photo.
 * What is drawn per group and per photo is plain elements styled by the panel's CSS module: MUI
 * components there cost server CPU on every render (styles computed and inlined per element).
 */
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
          <section
            key={group.id}
            aria-labelledby={`photos-${group.id}`}
            className={group.name === selectedGroup ? `${styles.group} ${styles.selected}` : styles.group}
          >
            <div className={styles.heading}>
              <h3 id={`photos-${group.id}`}>{group.displayName}</h3>
              {canAnalyze ? (
                <Button size="small" startIcon={<AddPhotoAlternateIcon />} onClick={() => onAddPhoto(group)}>
                  {t('add')}
                </Button>
              ) : null}
            </div>
            <div className={styles.columns}>
              <div className={styles.photos}>
                {inputs.length === 0 ? <p className={`${styles.body2} ${styles.secondary}`}>{t('none')}</p> : null}
                {inputs.map((input, index) => (
                  <div key={input.id} data-testid="work-order-input">
                    {input.imageUrl ? (
                      <button
                        type="button"
                        className={styles.zoom}
                        onClick={() => setZoomed({ input, group })}
                        aria-label={t('zoom', { group: group.displayName, index: index + 1 })}
                      >
                        <PhotoWithBoxes
                          src={input.imageUrl}
                          alt={t('alt', { group: group.displayName, index: index + 1 })}
                          boxes={boxes.get(input.id) ?? []}
                          selectedTaskId={selectedTaskId}
                          first={input.id === firstPhotoId}
                        />
                      </button>
                    ) : (
                      <div className={styles.document}>
                        <PdfIcon />
                        <p className={styles.body2}>{t('pdf', { index: index + 1 })}</p>
                      </div>
                    )}
                    <span className={styles.caption}>
                      {formatDate(input.createDate)}
                      {input.status
                        ? ` · ${KNOWN_STATUSES.has(input.status) ? t(`status.${input.status}` as 'status.analysis_ok') : input.status}`
                        : ''}
                    </span>
                    <ConformityMessages messages={input.conformityMessages} />
                  </div>
                ))}
              </div>
              <div>
                <p className={styles.caption}>{t('example')}</p>
                {group.exampleImageUrls.length === 0 ? (
                  <span className={styles.caption}>{t('noExample')}</span>
                ) : (
                  // eslint-disable-next-line @next/next/no-img-element -- our own authenticated proxy, never optimised
                  <img
                    src={group.exampleImageUrls[0]}
                    alt={t('exampleAlt', { group: group.displayName })}
                    loading="lazy"
                    className={styles.example}
                  />
                )}
              </div>
            </div>
          </section>
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
