/**
 * Two small SVG charts, with no chart library: bars for a value per slot (the hours of the day) and a line for a
 * series in time, gaps where a value is missing. Time runs left to right in every language, as on the other
 * charts of the app; the labels under the axis are HTML, so they read in the page's direction.
 */

const width = 480;
const height = 120;

export interface ChartProps {
  /** The chart's accessible name. */
  title: string;
  values: readonly (number | null)[];
  /** One label per value: shown under some, and in each mark’s tooltip. */
  labels: readonly string[];
  /** A value as the tooltip and the axis show it. */
  formatValue: (value: number) => string;
  /** Show every `tick`-th label under the axis. */
  tick?: number;
  className?: string;
}

/** The top of the axis: the smallest 1, 2 or 5 × 10ⁿ at or above the largest value (1 for none). */
export function axisTop(values: readonly (number | null)[]): number {
  const largest = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (largest <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 5]) if (step * power >= largest) return step * power;
  return 10 * power;
}

function Axis({
  labels,
  tick,
  top,
  formatValue,
  slots,
}: {
  labels: readonly string[];
  tick: number;
  top: number;
  formatValue: (v: number) => string;
  /** Labels in the middle of equal slots (bars), else on the points of a line. */
  slots: boolean;
}) {
  const at = (i: number) =>
    slots ? (100 * (i + 0.5)) / Math.max(1, labels.length) : labels.length <= 1 ? 50 : (100 * i) / (labels.length - 1);
  return (
    <>
      <p className="chart-top">{formatValue(top)}</p>
      <ol className="chart-ticks" aria-hidden="true" dir="ltr">
        {labels.map((label, i) => (
          <li key={i} style={{ left: `${at(i)}%` }}>
            {i % tick === 0 ? label : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

export function BarChart({ title, values, labels, formatValue, tick = 1, className }: ChartProps) {
  const top = axisTop(values);
  const slot = width / Math.max(1, values.length);
  return (
    <figure className={`chart chart-bars ${className ?? ''}`}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="none">
        <title>{title}</title>
        <line x1={0} x2={width} y1={height} y2={height} className="chart-baseline" />
        {values.map((value, i) => {
          const h = value === null ? 0 : (Math.max(0, value) / top) * height;
          return (
            <rect
              key={i}
              x={i * slot + slot * 0.1}
              width={slot * 0.8}
              y={height - h}
              height={h}
              data-value={value ?? ''}
            >
              <title>{`${labels[i] ?? ''}: ${value === null ? '–' : formatValue(value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <Axis labels={labels} tick={tick} top={top} formatValue={formatValue} slots />
    </figure>
  );
}

export function LineChart({ title, values, labels, formatValue, tick = 1, className }: ChartProps) {
  const top = axisTop(values);
  const x = (i: number) => (values.length <= 1 ? width / 2 : (i * width) / (values.length - 1));
  const y = (v: number) => height - (Math.max(0, v) / top) * height;
  let path = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)} ${y(value).toFixed(1)} `;
    drawing = true;
  });
  return (
    <figure className={`chart chart-line ${className ?? ''}`}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="none">
        <title>{title}</title>
        <line x1={0} x2={width} y1={height} y2={height} className="chart-baseline" />
        <path d={path.trim()} className="chart-path" vectorEffect="non-scaling-stroke" />
        {values.map((value, i) =>
          value === null ? null : (
            <circle key={i} cx={x(i)} cy={y(value)} r={3} vectorEffect="non-scaling-stroke" data-value={value}>
              <title>{`${labels[i] ?? ''}: ${formatValue(value)}`}</title>
            </circle>
          ),
        )}
      </svg>
      <Axis labels={labels} tick={tick} top={top} formatValue={formatValue} slots={false} />
    </figure>
  );
}
