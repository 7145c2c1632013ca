import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoInfo, ensureDemoUsers } from '../../src/ingest/demo.js';
import { findUserByUsername, listUsers } from '../../src/store/users.js';
import { engines, seededDb, type TestDb } from '../db.js';
import { testUntil } from '../fixtures.js';
import { get, testApp } from './helpers.js';

describe.each(engines)('the demo record on %s', (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await seededDb(engine);
  });
  afterAll(() => t.drop());

  it('records how the demo was generated, with the rows it describes', async () => {
    const info = await demoInfo(t.db);
    expect(info).toMatchObject({ seed: 7, scale: 0.002, years: 3, until: testUntil.toISOString(), cities: 242 });
    const { count } = await t.db
      .selectFrom('incident')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('synthetic', '=', true)
      .executeTakeFirstOrThrow();
    expect(count).toBe(info?.incidents);
  });

  it('says the data is synthetic on /api/health because the demo record exists', async () => {
    const app = await testApp(t.db);
    const reply = await get<{ synthetic: boolean }>(app, '/api/health');
    expect(reply.body.synthetic).toBe(true);
    await app.close();
  });

  it('creates again the demo accounts that went missing, and leaves the others alone', async () => {
    const before = await findUserByUsername(t.db, 'dg');
    await t.db.deleteFrom('appUser').where('username', '=', 'wali.marrakech').execute();
    expect(await ensureDemoUsers(t.db)).toEqual(demoAccounts.map((a) => a.username));
    const users = await listUsers(t.db);
    expect(
      users
        .filter((u) => u.demo)
        .map((u) => u.username)
        .sort(),
    ).toEqual(demoAccounts.map((a) => a.username).sort());
    expect((await findUserByUsername(t.db, 'dg'))?.id).toBe(before?.id);
    expect((await findUserByUsername(t.db, 'wali.marrakech'))?.scopeAreaCode).toBe('07');
  });
});
