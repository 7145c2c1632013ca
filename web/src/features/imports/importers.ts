import type { Me } from '../../../../src/contract/system.js';

/**
 * Whether the signed-in user may import (the role's imports.run, as the server reports it); the others are not
 * shown the page. The server still decides: it answers FORBIDDEN to anyone else.
 */
export function canImport(user: Pick<Me, 'permissions'>): boolean {
  return user.permissions.includes('imports.run');
}
