/**
 * A temporary password an administrator hands over: 14 characters from alphabets
 * without look-alikes (no 0/O, 1/l/I), with at least one lower-case letter, upper-case
 * letter, digit and symbol — so it passes the password policy, and reads aloud or off
 * paper without mistakes. `random(n)` gives an integer in [0, n); in the browser it is
 * crypto.getRandomValues (browserRandom), in tests anything.
 */
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "-_.!@#%+=";
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
export const TEMPORARY_PASSWORD_LENGTH = 14;

export function temporaryPassword(random: (below: number) => number): string {
  const pick = (alphabet: string) => alphabet[random(alphabet.length)]!;
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < TEMPORARY_PASSWORD_LENGTH) characters.push(pick(ALL));
  // Fisher–Yates, so the required classes are not always in front.
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = random(index + 1);
    [characters[index], characters[other]] = [characters[other]!, characters[index]!];
  }
  return characters.join("");
}

/** A uniform integer in [0, below) from the browser's cryptographic generator. */
export function browserRandom(below: number): number {
  // Rejection sampling: no bias toward small values.
  const limit = Math.floor(0x1_0000_0000 / below) * below;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % below;
  }
}
