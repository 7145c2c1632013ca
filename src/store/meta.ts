import type { Db } from './db.js';

/** Small facts about the database itself (how the demo was generated, …), one JSON value per key. */
export async function getMeta<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('appMeta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : undefined;
}

export async function setMeta(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('appMeta')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: new Date() }))
    .execute();
}

export async function deleteMeta(db: Db, key: string): Promise<void> {
  await db.deleteFrom('appMeta').where('key', '=', key).execute();
}
