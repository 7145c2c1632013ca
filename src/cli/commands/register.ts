import type { Command } from 'commander';
import { minimisationDays } from '../../domain/register.js';
import { sweepRegister } from '../../store/register.js';
import { n, output, withDatabase } from '../context.js';
import { cliActor } from './audit.js';

export function registerCommand(program: Command): void {
  const register = program
    .command('register')
    .description(
      'The restricted register of wanted persons and persons of interest, which only the judicial police reads',
    );

  register
    .command('sweep')
    .description(
      `Record each newly lapsed entry in the audit trail (register.expire) and blank the name, aliases, year of birth and description of entries that ended ${minimisationDays} days ago or more`,
    )
    .option('--json', 'print the counts as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const result = await sweepRegister(db, new Date(), cliActor());
        output(
          Boolean(options.json),
          result,
          () => `${n(result.expired)} entries newly expired, ${n(result.minimised)} entries minimised`,
        );
      });
    });
}
