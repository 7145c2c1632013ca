import type { AreaDirectory } from '../geo/area-directory.js';
import { locate } from '../ingest/locate.js';
import { loadAreaDirectory } from '../store/areas.js';
import type { Db } from '../store/db.js';
import type { Place } from '../store/records.js';

/** The areas and H3 cells of a point, or of a named area (`locate` over the area directory). */
export type Locator = (point: { lat: number | null; lon: number | null }, areaId?: number) => Place | null;

/**
 * The area directory for routes that place what they write, loaded on first use and again only when the number of
 * areas changes (the geography is loaded after the server starts on an empty database).
 */
export class LocatorCache {
  readonly #db: Db;
  #directory: Promise<AreaDirectory> | null = null;
  #areas = -1;

  constructor(db: Db) {
    this.#db = db;
  }

  async get(): Promise<Locator> {
    const row = await this.#db
      .selectFrom('area')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const areas = Number(row.n);
    if (this.#directory === null || areas !== this.#areas) {
      this.#areas = areas;
      this.#directory = loadAreaDirectory(this.#db);
    }
    const directory = await this.#directory;
    return (point, areaId) => locate(directory, point, areaId);
  }
}
