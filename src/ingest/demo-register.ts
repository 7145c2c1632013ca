import { seededRandom } from '../analytics/random.js';
import { defaultValidityDays, type RegisterKind } from '../domain/register.js';
import { findAreaByCode } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { replaceSyntheticRegister, type NewRegisterEntry } from '../store/register.js';

const dayMs = 86_400_000;

/** Made-up people: the names say so in both scripts, and every entry is marked synthetic. */
const people: readonly {
  kind: RegisterKind;
  fullName: string;
  aliases: string[];
  birthYear: number | null;
  description: string;
  grounds: string;
  /** Days before the demo's last instant the entry was listed; 100 makes the one that has lapsed. */
  listedDaysAgo: number;
}[] = [
  {
    kind: 'wanted',
    fullName: 'كريم المثال — Karim Exemple',
    aliases: ['Le Fictif'],
    birthYear: 1991,
    description: 'Personnage inventé pour la démonstration.',
    grounds: 'Mandat fictif de la démonstration : vols avec effraction répétés.',
    listedDaysAgo: 12,
  },
  {
    kind: 'person_of_interest',
    fullName: 'نادية الافتراضية — Nadia Démo',
    aliases: [],
    birthYear: 1988,
    description: 'Personnage inventé pour la démonstration.',
    grounds: 'Témoin fictif à entendre dans une affaire de la démonstration.',
    listedDaysAgo: 30,
  },
  {
    kind: 'wanted',
    fullName: 'ياسين التجريبي — Yassine Essai',
    aliases: ['Yassou', 'Y. E.'],
    birthYear: 1996,
    description: 'Personnage inventé pour la démonstration.',
    grounds: 'Mandat fictif de la démonstration : agression sur la voie publique.',
    listedDaysAgo: 45,
  },
  {
    kind: 'person_of_interest',
    fullName: 'عمر النموذجي — Omar Modèle',
    aliases: [],
    birthYear: null,
    description: 'Personnage inventé pour la démonstration.',
    grounds: 'Vu à proximité de plusieurs faits de la démonstration.',
    listedDaysAgo: 60,
  },
  {
    kind: 'wanted',
    fullName: 'سلمى الخيالية — Salma Fiction',
    aliases: ['S. F.'],
    birthYear: 1985,
    description: 'Personnage inventé pour la démonstration.',
    grounds: 'Mandat fictif de la démonstration : escroqueries.',
    listedDaysAgo: 80,
  },
  {
    kind: 'wanted',
    fullName: 'حميد المنتهي — Hamid Périmé',
    aliases: [],
    birthYear: 1979,
    description: 'Personnage inventé pour la démonstration ; son inscription a expiré.',
    grounds: 'Mandat fictif de la démonstration, non renouvelé.',
    listedDaysAgo: 100,
  },
];

/**
 * The demo's register (README, "Restricted register"): six made-up people in Casablanca-Settat, each listed for the
 * district of one or two of its open cases of the last four months, picked with the demo's seed. One was listed 100
 * days ago and has lapsed, so the demo shows that lapsed entries are read no more. Replaces the previous demo's
 * entries and nothing else; does nothing when the region has too few open cases.
 */
export async function seedDemoRegister(db: Db, until: Date, seed: number): Promise<number> {
  const region = await findAreaByCode(db, '06');
  if (!region) return 0;
  const open = await db
    .selectFrom('incident')
    .select(['id', 'districtId', 'areaId'])
    .where('regionId', '=', region.id)
    .where('solvedAt', 'is', null)
    .where('status', 'in', ['recorded', 'under_investigation'])
    .where('occurredAt', '>=', new Date(until.getTime() - 120 * dayMs))
    .where('occurredAt', '<=', until)
    .orderBy('id')
    .execute();
  const random = seededRandom(seed, 'register');
  const pool = [...open];
  const entries: NewRegisterEntry[] = [];
  for (const person of people) {
    if (pool.length === 0) break;
    const [first] = pool.splice(Math.floor(random() * pool.length), 1);
    if (!first) break;
    const areaId = first.districtId ?? first.areaId;
    const caseIds = [Number(first.id)];
    const sameArea = pool.findIndex((i) => (i.districtId ?? i.areaId) === areaId);
    if (sameArea >= 0 && random() < 0.5) caseIds.push(Number(pool.splice(sameArea, 1)[0]?.id));
    const createdAt = new Date(until.getTime() - person.listedDaysAgo * dayMs);
    entries.push({
      kind: person.kind,
      fullName: person.fullName,
      aliases: person.aliases,
      birthYear: person.birthYear,
      description: person.description,
      grounds: person.grounds,
      areaId,
      caseIds,
      createdBy: null,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + defaultValidityDays * dayMs),
    });
  }
  return replaceSyntheticRegister(db, entries);
}
