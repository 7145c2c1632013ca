/** Kinds of alert the monitoring raises: `daily_excess`, a day's count above its upper control limit. */
export const alertKinds = ['daily_excess'] as const;
export type AlertKind = (typeof alertKinds)[number];
