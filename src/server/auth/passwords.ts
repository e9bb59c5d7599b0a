import { hash, verify } from "@node-rs/argon2";

/** Hashes and checks passwords (argon2id, the library's default algorithm). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id minimum: 19 MiB, 2 passes. */
export const PRODUCTION_COST: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Still argon2id, cheap enough for tests that create dozens of accounts. */
export const TEST_COST: Argon2Cost = { memoryCost: 1_024, timeCost: 1, parallelism: 1 };

export function createPasswordHasher(cost: Argon2Cost = PRODUCTION_COST): PasswordHasher {
  return {
    hash: (password) => hash(password, cost),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
