'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { analyze, analyzeWithCallback, ApiError, getAnalysis } from '@/lib/client/api';
import type { TaskGroupWithTasksDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { fileProblem, MAX_POLLS, POLL_INTERVAL_MS, pollFailed, type AnalysisMode, type AnalysisPhase } from './analysis-phase';
import { checkUploadFile, formatMegabytes, withMimeType } from './upload-file';

function readAsDataUri(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('read')));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/**
 * The behaviour of the analysis dialog: the file chosen (checked before anything is sent), the
 * mode, and the steps of one analysis — synchronous, or with callback then polling until the
 * upstream's callback has arrived. Stops polling when the dialog closes.
 */
export function useAnalysis({
  workOrder,
  group,
  onAnalyzed,
  announce,
}: {
  workOrder: WorkOrderDto;
  group: TaskGroupWithTasksDto;
  /** The work order as it is after the analysis (null: read it again). */
  onAnalyzed(workOrder: WorkOrderDto | null): void;
  announce(message: string): void;
}) {
  const t = useTranslations('workOrder.analyze');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<AnalysisMode>('sync');
  const [phase, setPhase] = useState<AnalysisPhase>({ kind: 'choose' });
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );

  const pickFile = (picked: File | null) => {
    setFile(null);
    setFileError(null);
    if (!picked) return;
    const check = checkUploadFile(picked);
    if (!check.ok) {
      const problem = fileProblem(check);
      setFileError(problem === 'tooLarge' ? t('tooLarge', { limit: formatMegabytes(check.limitBytes ?? 0) }) : t(problem));
      return;
    }
    setFile(picked);
  };

  const fail = (error: unknown) => {
    const apiError = error instanceof ApiError ? error : null;
    setPhase({ kind: 'error', message: apiError?.body?.message ?? t('failed'), requestId: apiError?.body?.requestId });
    announce(t('failed'));
  };

  const poll = async (analysisId: string) => {
    for (let polls = 1; polls <= MAX_POLLS && !cancelled.current; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      if (cancelled.current) return;
      setPhase({ kind: 'waiting', analysisId, polls });
      try {
        const analysis = await getAnalysis(workOrder.id, analysisId);
        if (analysis.status === 'completed' && analysis.result) {
          setPhase({ kind: 'done', result: analysis.result });
          announce(t('arrived'));
          onAnalyzed(null);
          return;
        }
      } catch (error) {
        if (pollFailed(error)) return fail(error);
      }
    }
    if (!cancelled.current) setPhase({ kind: 'error', message: t('stillPending') });
  };

  const start = async () => {
    if (!file) return;
    const check = checkUploadFile(file);
    if (!check.ok) return;
    setPhase({ kind: 'reading' });
    let source: string;
    try {
      source = withMimeType(await readAsDataUri(file), check.mimeType);
    } catch {
      setPhase({ kind: 'error', message: t('readError') });
      return;
    }
    setPhase({ kind: 'sending' });
    announce(t('sending'));
    const upload = { taskGroupName: group.name, source };
    try {
      if (mode === 'sync') {
        const response = await analyze(workOrder.id, upload);
        setPhase({ kind: 'done', result: response.result });
        announce(t('done'));
        onAnalyzed(response.workOrder);
      } else {
        const pending = await analyzeWithCallback(workOrder.id, upload);
        setPhase({ kind: 'waiting', analysisId: pending.analysisId, polls: 0 });
        announce(t('waiting'));
        void poll(pending.analysisId);
      }
    } catch (error) {
      fail(error);
    }
  };

  return { file, fileError, mode, setMode, phase, pickFile, start: () => void start() };
}
