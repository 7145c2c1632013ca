import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootDir } from './paths.js';

export const version = (JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string }).version;
