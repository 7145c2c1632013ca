import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { isAuditAction } from '../../domain/audit.js';
import { isIsoDay } from '../../domain/time.js';
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

/** A day (its midnight UTC) or an instant with its offset. */
function instant(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(isIsoDay(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`${option}: expected YYYY-MM-DD or an ISO instant, got ${value}`);
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
    .option('--from <time>', 'from this day (UTC) or instant')
    .option('--to <time>', 'before this day (UTC) or instant')
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
