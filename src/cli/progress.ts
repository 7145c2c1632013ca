import cliProgress from 'cli-progress';
import type { Progress, ProgressListener } from '../ingest/progress.js';

/**
 * Draws progress: a bar with rows, rows/s and time left on a terminal; on anything else (CI logs, pipes) one
 * quiet line per phase and at most one line every few seconds.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressListener & { stop(): void } {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let phase = '';
    const listener = (p: Progress) => {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${p.phase.padEnd(11)} [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1000, 0, { rows: 0, speed: 0 });
      }
      const rows = p.rows ?? 0;
      bar?.update(Math.round((p.done / Math.max(p.total, 1e-9)) * 1000), {
        rows: rows.toLocaleString('en'),
        speed: Math.round(rows / Math.max(seconds(), 1e-3)).toLocaleString('en'),
      });
    };
    return Object.assign(listener, { stop: () => bar?.stop() });
  }
  let phase = '';
  let lastLine = 0;
  const listener = (p: Progress) => {
    const now = seconds();
    if (p.phase === phase && now - lastLine < 5) return;
    phase = p.phase;
    lastLine = now;
    const percent = Math.round((p.done / Math.max(p.total, 1e-9)) * 100);
    const rows =
      p.rows === undefined
        ? ''
        : `, ${p.rows.toLocaleString('en')} rows, ${Math.round(p.rows / Math.max(now, 1e-3)).toLocaleString('en')} rows/s`;
    stream.write(`${p.phase}: ${percent}%${rows} (${now.toFixed(0)} s)\n`);
  };
  return Object.assign(listener, { stop: () => undefined });
}
