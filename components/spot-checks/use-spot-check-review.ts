'use client';

import { useState } from 'react';
import { answerSpotCheck, errorMessage } from '@/lib/client/api';
import type { SpotCheckDto } from '@/lib/shared/spot-checks';
import { taskKey } from '@/lib/shared/task-key';

/**
 * A blind check's behaviour: the reviewer's verdict per task (by names), and the submission,
 * whose answer is the reveal. Nothing of the AI's is on the page before it.
 */
export function useSpotCheckReview(initial: SpotCheckDto) {
  const [check, setCheck] = useState(initial);
  const [answers, setAnswers] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const tasks = check.workOrder.taskGroups.flatMap((group) => group.tasks);
  const complete = tasks.length > 0 && tasks.every((task) => answers.has(taskKey(task.taskGroupName, task.taskName)));

  function answer(taskGroupName: string, taskName: string, ok: boolean) {
    setAnswers((previous) => new Map(previous).set(taskKey(taskGroupName, taskName), ok));
  }

  async function submit() {
    if (!complete || submitting) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const payload = tasks.map((task) => ({
        taskGroupName: task.taskGroupName,
        taskName: task.taskName,
        ok: answers.get(taskKey(task.taskGroupName, task.taskName)) === true,
      }));
      setCheck(await answerSpotCheck(check.workOrder.id, payload));
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  }

  return { check, tasks, answers, answered: answers.size, complete, submitting, failure, answer, submit };
}
