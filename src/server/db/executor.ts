import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/** A connection or a transaction: repositories work the same on both. */
export type Executor = Kysely<Database> | Transaction<Database>;
