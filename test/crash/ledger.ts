import { createHash } from "node:crypto";

/**
 * Every write the server acknowledged (200/201) during a crash run, and the comparison
 * with what the database holds after the kill and the restart. A write whose answer
 * never arrived is not here: it may or may not have happened, and either is correct.
 */

export interface FigureAck {
  element: string;
  region: string;
  version: number;
  value: number;
}

export interface WorkAck {
  item: string;
  version: number;
  awarded: Record<string, number>;
}

export interface UploadAck {
  id: string;
  sha256: string;
  size: number;
}

export interface LoginAck {
  username: string;
  /** `kaoping_session=…`, as the browser would send it back. */
  cookie: string;
  /** When the answer arrived (ms since the epoch): a session idle past policy may expire. */
  at: number;
}

export type AckKind = "figures" | "work" | "uploads" | "logins";

export class Ledger {
  /** The newest acknowledged save of each figure (`element/region`). */
  readonly figures = new Map<string, FigureAck>();
  readonly work = new Map<string, WorkAck>();
  readonly uploads: UploadAck[] = [];
  /** Sign-ins not yet checked after a restart (each is checked once, after the next kill). */
  pendingLogins: LoginAck[] = [];
  readonly counts: Record<AckKind, number> = { figures: 0, work: 0, uploads: 0, logins: 0 };

  figure(ack: FigureAck): void {
    this.counts.figures++;
    const key = `${ack.element}/${ack.region}`;
    const known = this.figures.get(key);
    if (!known || ack.version >= known.version) this.figures.set(key, ack);
  }

  workAnswer(ack: WorkAck): void {
    this.counts.work++;
    const known = this.work.get(ack.item);
    if (!known || ack.version >= known.version) this.work.set(ack.item, ack);
  }

  upload(ack: UploadAck): void {
    this.counts.uploads++;
    this.uploads.push(ack);
  }

  login(ack: LoginAck): void {
    this.counts.logins++;
    this.pendingLogins.push(ack);
  }
}

/** What the database (and the evidence folder) holds after a restart. */
export interface StoredState {
  figures: Map<string, { version: number; value: number }>;
  /** `awarded` as stored: JSON text. */
  work: Map<string, { version: number; awarded: string }>;
  evidence: Map<string, { sha256: string; size: number }>;
  /** The bytes stored under a SHA-256, or undefined when there is no such file. */
  evidenceFile(sha256: string): Buffer | undefined;
}

const sameAwarded = (stored: string, acked: Record<string, number>): boolean => {
  const parsed = JSON.parse(stored) as Record<string, number>;
  const keys = Object.keys(acked);
  return (
    Object.keys(parsed).length === keys.length && keys.every((key) => parsed[key] === acked[key])
  );
};

/**
 * Acknowledged writes the stored state does not hold: a figure or answer must be at
 * the acknowledged version or later (and, at that version, hold the acknowledged
 * content); an upload's row must exist and its file hash to the acknowledged SHA-256.
 */
export function findLostWrites(ledger: Ledger, stored: StoredState): string[] {
  const lost: string[] = [];
  for (const [key, ack] of ledger.figures) {
    const row = stored.figures.get(key);
    if (!row || row.version < ack.version) {
      lost.push(
        `figure ${key}: acknowledged v${ack.version}, stored ${row ? `v${row.version}` : "nothing"}`,
      );
    } else if (row.version === ack.version && row.value !== ack.value) {
      lost.push(`figure ${key} v${ack.version}: acknowledged ${ack.value}, stored ${row.value}`);
    }
  }
  for (const [item, ack] of ledger.work) {
    const row = stored.work.get(item);
    if (!row || row.version < ack.version) {
      lost.push(
        `work answer ${item}: acknowledged v${ack.version}, stored ${row ? `v${row.version}` : "nothing"}`,
      );
    } else if (row.version === ack.version && !sameAwarded(row.awarded, ack.awarded)) {
      lost.push(
        `work answer ${item} v${ack.version}: acknowledged ${JSON.stringify(ack.awarded)}, stored ${row.awarded}`,
      );
    }
  }
  for (const ack of ledger.uploads) {
    const row = stored.evidence.get(ack.id);
    if (!row || row.sha256 !== ack.sha256 || row.size !== ack.size) {
      lost.push(`upload ${ack.id}: ${row ? `stored as ${row.sha256} (${row.size} B)` : "no row"}`);
      continue;
    }
    const content = stored.evidenceFile(ack.sha256);
    if (!content) lost.push(`upload ${ack.id}: no file ${ack.sha256}`);
    else if (createHash("sha256").update(content).digest("hex") !== ack.sha256) {
      lost.push(`upload ${ack.id}: the file ${ack.sha256} holds other bytes`);
    }
  }
  return lost;
}
