import type { Compstat } from '../../../../src/contract/compstat.js';

type Change = Compstat['total']['days28']['lastYear'];

export type Direction = 'up' | 'down' | 'flat';

/**
 * How a CompStat change reads on the sheet: its percentage, or withheld ("—") when the earlier count is below 10;
 * its direction from the counts themselves (so a withheld change still has one); and whether the exact test found
 * it significant, which the sheet marks ▲ or ▼.
 */
export interface ChangeView {
  /** null when the server withholds the percentage (`changeNote: 'small_base'`). */
  pct: number | null;
  direction: Direction;
  significant: boolean;
  /** ▲ or ▼ for a significant rise or fall, else ''. */
  mark: string;
  pValue: number;
}

export function changeView(current: number, change: Change): ChangeView {
  const direction: Direction = current > change.incidents ? 'up' : current < change.incidents ? 'down' : 'flat';
  const significant = change.significant && direction !== 'flat';
  return {
    pct: change.changeNote === 'small_base' ? null : change.changePct,
    direction,
    significant,
    mark: significant ? (direction === 'up' ? '▲' : '▼') : '',
    pValue: change.pValue,
  };
}

/** The text of a change: the signed percentage (by `formatChange`) or "—", then its mark. */
export function changeText(view: ChangeView, formatChange: (pct: number) => string): string {
  const text = view.pct === null ? '—' : formatChange(view.pct);
  return view.mark === '' ? text : `${text} ${view.mark}`;
}
