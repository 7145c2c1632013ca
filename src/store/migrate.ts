import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db.js';
import * as m0001 from './migrations/0001-create-schema.js';
import * as m0002 from './migrations/0002-imports.js';
import * as m0003 from './migrations/0003-rollup-by-leaf.js';
import * as m0004 from './migrations/0004-monitoring.js';
import * as m0005 from './migrations/0005-plans.js';
import * as m0006 from './migrations/0006-compstat-ytd.js';
import * as m0007 from './migrations/0007-patrols.js';
import * as m0008 from './migrations/0008-response-rollup.js';
import * as m0009 from './migrations/0009-audit.js';
import * as m0010 from './migrations/0010-citizen-reports.js';
import * as m0011 from './migrations/0011-patrol-units.js';
import * as m0012 from './migrations/0012-accounts.js';
import * as m0013 from './migrations/0013-register.js';
import * as m0014 from './migrations/0014-plan-partners.js';

/** Every migration, in order. Listed here rather than read from a folder so that the bundled server carries them. */
const migrations: Record<string, Migration> = {
  '0001-create-schema': m0001,
  '0002-imports': m0002,
  '0003-rollup-by-leaf': m0003,
  '0004-monitoring': m0004,
  '0005-plans': m0005,
  '0006-compstat-ytd': m0006,
  '0007-patrols': m0007,
  '0008-response-rollup': m0008,
  '0009-audit': m0009,
  '0010-citizen-reports': m0010,
  '0011-patrol-units': m0011,
  '0012-accounts': m0012,
  '0013-register': m0013,
  '0014-plan-partners': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name when one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
    // Migrations are numbered as they are written, and one may land after a later number has been applied: run it
    // then rather than refuse to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`migration failed${name}: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
