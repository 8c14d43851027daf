/**
 * A bounded memo for pure string functions called on every check (substance keys, classes):
 * the kiosk runs for weeks and sees many records, so the table is emptied when it is full
 * rather than kept growing.
 */
export function memoise<T>(fn: (input: string) => T, max = 20_000): (input: string) => T {
  const table = new Map<string, T>();
  return (input: string): T => {
    const hit = table.get(input);
    if (hit !== undefined) return hit;
    const value = fn(input);
    if (table.size >= max) table.clear();
    table.set(input, value);
    return value;
  };
}
