/**
 * The shape of a row id: the canonical 8-4-4-4-12 UUID form PostgreSQL's uuid type takes (36 hex digits, or
 * dashes elsewhere, are not). Anything else cannot name a row and is refused before reaching SQL.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
