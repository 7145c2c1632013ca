import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { isAuditAction } from '../../domain/audit.js';
import { addDays, defaultTimeZone, isIsoDay, zonedInstant } from '../../domain/time.js';
import { listAudit, verifyAuditLog, type AuditActor } from '../../store/audit.js';
import { n, output, UsageError, withDatabase } from '../context.js';

/** Who the command line acts as in the audit trail: the operating-system account that ran it. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the account stays unknown.
  }
  return { id: null, name: `cli:${name}` };
}

/**
 * A bound of time as the API reads it: a day is local (Africa/Casablanca) and, as `--to`, includes the whole day;
 * an instant carries its offset.
 */
function instant(value: string | undefined, option: '--from' | '--to'): Date | undefined {
  if (value === undefined) return undefined;
  if (isIsoDay(value)) return zonedInstant(option === '--to' ? addDays(value, 1) : value, 0, defaultTimeZone);
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new UsageError(`${option}: expected YYYY-MM-DD or an ISO instant with its offset, got ${value}`);
  }
  return date;
}

export function auditCommand(program: Command): void {
  const auditTrail = program
    .command('audit')
    .description('The audit trail: sign-ins, changes, exports and permission changes, each entry chained to the last');

  auditTrail
    .command('verify')
    .description(
      'Check the hash chain from the first entry to the last: exit 0 when intact, 1 naming the first broken entry',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const result = await verifyAuditLog(db);
        if (result.ok) {
          output(Boolean(options.json), result, () =>
            result.head === null
              ? 'chain intact: 0 entries'
              : `chain intact: ${n(result.count)} entries; last entry ${result.head.id}, hash ${result.head.hash}`,
          );
          return;
        }
        const { broken } = result;
        output(
          Boolean(options.json),
          result,
          () => `chain broken at entry ${broken.id} (${broken.action}): ${broken.reason}: ${broken.message}`,
        );
        process.exitCode = 1;
      });
    });

  auditTrail
    .command('list')
    .description('List entries, newest first')
    .option('--user <username>', 'entries of this actor')
    .option('--action <code>', 'entries of this action (auth.login, incident.reclassify, …)')
    .option('--target <kind[:id]>', 'entries about this kind of record, or this record (incident:42)')
    .option('--from <time>', 'from this local day or instant')
    .option('--to <time>', 'to this local day (included) or before this instant')
    .option('--limit <n>', 'at most this many entries (default 100)', '100')
    .option('--json', 'print as JSON')
    .action(
      async (options: {
        user?: string;
        action?: string;
        target?: string;
        from?: string;
        to?: string;
        limit: string;
        json?: boolean;
      }) => {
        if (options.action !== undefined && !isAuditAction(options.action)) {
          throw new UsageError(`--action: no such action: ${options.action}`);
        }
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: expected a positive integer`);
        const from = instant(options.from, '--from');
        const to = instant(options.to, '--to');
        await withDatabase(async (db) => {
          const entries = await listAudit(db, {
            user: options.user,
            action: options.action,
            target: options.target,
            from,
            to,
            limit,
          });
          output(Boolean(options.json), entries, () =>
            entries.length === 0
              ? 'No entries.'
              : entries
                  .map((e) => {
                    const target = e.targetKind === null ? '' : ` ${e.targetKind}:${e.targetId ?? ''}`;
                    return `${String(e.id).padStart(6)} ${e.at.toISOString()} ${e.actorName.padEnd(20)} ${e.action}${target} ${JSON.stringify(e.details)}`;
                  })
                  .join('\n'),
          );
        });
      },
    );
}
