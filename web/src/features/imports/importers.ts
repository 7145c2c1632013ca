import type { Role } from '../../../../src/domain/role.js';

/**
 * The roles the server lets import (src/server/routes/imports.ts); the others are not shown the page. The
 * server still decides: it answers FORBIDDEN to anyone else.
 */
const importerRoles: readonly Role[] = ['director_general', 'analyst'];

export function canImport(role: Role): boolean {
  return importerRoles.includes(role);
}
