/** What long jobs report as they go; the CLI draws it as a bar on a terminal and as lines elsewhere. */
export interface Progress {
  phase: string;
  done: number;
  total: number;
  /** What is counted in `done`/`total` (rows, cities, …). */
  unit: string;
  /** Rows written so far, when the phase writes rows. */
  rows?: number;
}

export type ProgressListener = (progress: Progress) => void;
