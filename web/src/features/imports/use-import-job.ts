import { useEffect, useState } from 'react';
import type { ImportJob } from '../../../../src/contract/import.js';
import { api, ApiError } from '../../api.js';
import { isLive, rowsPerSecond, type Sample } from './progress.js';

export type JobState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'ready';
      job: ImportJob;
      /** Rows read a second while the page watched it run; null before two looks or once it has ended. */
      rate: number | null;
      /** The last look failed on the way (network, server): the figures shown may be behind. */
      stale: boolean;
    };

/** Failures worth waiting out while a job runs; the others (session gone, job unknown) end the watch. */
const passing = new Set(['NETWORK', 'BAD_RESPONSE', 'INTERNAL', 'RATE_LIMITED']);

/**
 * One import job, asked for again every `intervalMs` while it is queued or running, so that its progress shows
 * as the server writes it; the looks stop once it is done or failed, or when the page leaves it.
 */
export function useImportJob(id: number, attempt: number, intervalMs = 1000): JobState {
  const [state, setState] = useState<JobState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first: Sample | null = null;
    let last: ImportJob | null = null;

    const look = () => {
      api.importJob(id, controller.signal).then(
        (job) => {
          if (controller.signal.aborted) return;
          last = job;
          const live = isLive(job);
          const now: Sample = { atMs: performance.now(), rows: job.rowsRead };
          if (job.status === 'running') first ??= now;
          setState({ status: 'ready', job, rate: live && first ? rowsPerSecond(first, now) : null, stale: false });
          if (live) timer = setTimeout(look, intervalMs);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (last && error instanceof ApiError && passing.has(error.code)) {
            const job = last;
            setState((previous) => ({
              status: 'ready',
              job,
              rate: previous.status === 'ready' ? previous.rate : null,
              stale: true,
            }));
            timer = setTimeout(look, intervalMs * 5);
          } else {
            setState({ status: 'error', error });
          }
        },
      );
    };
    setState((previous) => (previous.status === 'error' ? { status: 'loading' } : previous));
    look();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, attempt, intervalMs]);

  return state;
}
