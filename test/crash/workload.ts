import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { elementsOfDepartment } from "../../src/server/auth/policy";
import type { DemoCity } from "./demo-city";
import { json, multipart, send, sessionCookie, type Endpoint, type Reply } from "./http";
import type { Ledger } from "./ledger";
import { createRandom, type Random } from "./random";
import { samplePdf, samplePng } from "./sample-files";
import { CRASH_PASSWORD } from "./server-process";

/**
 * The clients of a crash run: clerks saving figures and work answers with versions,
 * clerks uploading evidence, and someone signing in again and again — all at once, over
 * HTTP, against the real server. Every 200/201 goes into the ledger.
 */

export interface WorkloadShape {
  figureClerks: number;
  workClerks: number;
  uploaders: number;
  signIns: number;
}

export const DEFAULT_SHAPE: WorkloadShape = {
  figureClerks: 12,
  workClerks: 3,
  uploaders: 2,
  signIns: 1,
};

/** One server process's lifetime, as the clients see it. */
export class Epoch {
  /** Set just before the SIGKILL: from then on a request without an answer is expected. */
  killing = false;
  /** Set once the server is gone: clients stop. */
  stopped = false;
  /** Answers no correct server gives (a 500, a lost session …), and failures before the kill. */
  readonly unexpected: string[] = [];
}

/** An answer that is neither the acknowledgement nor a refusal the client expects. */
class UnexpectedReply extends Error {}

const unexpected = (what: string, reply: Reply) =>
  new UnexpectedReply(`${what}: ${reply.status} ${reply.body.slice(0, 200)}`);

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(target: Endpoint, username: string, ledger: Ledger): Promise<Session> {
  const reply = await send(
    target,
    "POST",
    "/api/auth/login",
    json({ username, password: CRASH_PASSWORD }),
  );
  const cookie = sessionCookie(reply);
  if (reply.status !== 200 || !cookie) throw unexpected(`sign-in as ${username}`, reply);
  ledger.login({ username, cookie, at: Date.now() });
  return { cookie, csrfToken: (JSON.parse(reply.body) as { csrfToken: string }).csrfToken };
}

/** A client: one request at a time, until the epoch stops. */
abstract class Client {
  private session: Session | undefined;

  constructor(
    readonly name: string,
    protected readonly username: string,
    protected readonly random: Random,
    protected readonly ledger: Ledger,
    protected readonly city: DemoCity,
  ) {}

  protected abstract step(target: Endpoint, headers: Record<string, string>): Promise<void>;

  /** Sessions outlive the server process: only a missing one is signed in again. */
  protected async headers(target: Endpoint): Promise<Record<string, string>> {
    this.session ??= await signIn(target, this.username, this.ledger);
    return { cookie: this.session.cookie, "x-csrf-token": this.session.csrfToken };
  }

  /**
   * Signs in before the first epoch, while nothing is being killed. A sign-in cut off by
   * a kill stays counted against the account (attempts are counted before the password
   * is checked and given back only on an answer), so clients that had to sign in during
   * the epochs could lock their own account after a few unlucky kills, and a client
   * still signing in when each short epoch ends would never write at all.
   */
  async prepare(target: Endpoint): Promise<void> {
    await this.headers(target);
  }

  protected forgetSession(): void {
    this.session = undefined;
  }

  async run(target: Endpoint, epoch: Epoch): Promise<void> {
    while (!epoch.stopped) {
      try {
        await this.step(target, await this.headers(target));
      } catch (error) {
        if (error instanceof UnexpectedReply) {
          epoch.unexpected.push(`${this.name}: ${error.message}`);
          if (/: 401 /.test(error.message)) this.forgetSession();
          await sleep(50); // a server answering errors is not to be flooded with more
          continue;
        }
        // No complete answer: the server is gone. Before the kill, that is a failure.
        if (!epoch.killing) epoch.unexpected.push(`${this.name}: ${(error as Error).message}`);
        return;
      }
    }
  }
}

interface FigureKey {
  element: string;
  region: string;
  /** The version this client last saw (0: none yet, or not known). */
  version: number;
}

class FigureClerk extends Client {
  constructor(
    name: string,
    username: string,
    random: Random,
    ledger: Ledger,
    city: DemoCity,
    private readonly keys: FigureKey[],
  ) {
    super(name, username, random, ledger, city);
  }

  /** A value the element's bounds allow, with three decimals (exact through JSON and both databases). */
  private valueFor(element: string): number {
    const bounds: { min?: number; max?: number } = this.city.framework.elements.get(element) ?? {};
    const low = bounds.min ?? 0;
    const high = bounds.max ?? low + 1_000_000;
    return Math.min(high, low + Math.round(this.random.next() * (high - low) * 1000) / 1000);
  }

  protected async step(target: Endpoint, headers: Record<string, string>): Promise<void> {
    const key = this.random.pick(this.keys);
    const value = this.valueFor(key.element);
    const reply = await send(
      target,
      "PUT",
      `/api/cycles/${this.city.year}/values/${key.element}/${key.region}`,
      json({ value, version: key.version }),
      headers,
    );
    if (reply.status === 200) {
      const saved = JSON.parse(reply.body) as { version: number; value: number };
      if (saved.value !== value) throw unexpected(`figure ${key.element}/${key.region}`, reply);
      this.ledger.figure({
        element: key.element,
        region: key.region,
        version: saved.version,
        value,
      });
      key.version = saved.version;
      return;
    }
    if (reply.status === 409) {
      // The save before the kill may have committed after all: carry on from what is stored.
      const { current } = JSON.parse(reply.body) as { current: { version: number } | null };
      key.version = current?.version ?? 0;
      return;
    }
    throw unexpected(`figure ${key.element}/${key.region}`, reply);
  }
}

class WorkClerk extends Client {
  private readonly versions = new Map<string, number>();

  constructor(
    name: string,
    username: string,
    random: Random,
    ledger: Ledger,
    city: DemoCity,
    private readonly items: string[],
  ) {
    super(name, username, random, ledger, city);
  }

  protected async step(target: Endpoint, headers: Record<string, string>): Promise<void> {
    const code = this.random.pick(this.items);
    const item = this.city.framework.workItems.find((candidate) => candidate.code === code)!;
    const awarded = Object.fromEntries(
      item.criteria.map((criterion) => [
        criterion.code,
        Math.round(this.random.next() * criterion.points * 10) / 10,
      ]),
    );
    const version = this.versions.get(code) ?? 0;
    const reply = await send(
      target,
      "PUT",
      `/api/cycles/${this.city.year}/work/${code}`,
      json({ awarded, version }),
      headers,
    );
    if (reply.status === 200) {
      const saved = JSON.parse(reply.body) as { version: number };
      this.ledger.workAnswer({ item: code, version: saved.version, awarded });
      this.versions.set(code, saved.version);
      return;
    }
    if (reply.status === 409) {
      const { current } = JSON.parse(reply.body) as { current: { version: number } | null };
      this.versions.set(code, current?.version ?? 0);
      return;
    }
    throw unexpected(`work answer ${code}`, reply);
  }
}

class Uploader extends Client {
  private count = 0;

  constructor(
    name: string,
    username: string,
    random: Random,
    ledger: Ledger,
    city: DemoCity,
    private readonly indicators: string[],
  ) {
    super(name, username, random, ledger, city);
  }

  protected async step(target: Endpoint, headers: Record<string, string>): Promise<void> {
    const indicator = this.random.pick(this.indicators);
    const label = `${this.name}-${++this.count}`;
    const pdf = this.random.next() < 0.5;
    const content = pdf ? samplePdf(label, this.random) : samplePng(this.random);
    const sha256 = createHash("sha256").update(content).digest("hex");
    const reply = await send(
      target,
      "POST",
      `/api/cycles/${this.city.year}/evidence`,
      multipart(
        { targetKind: "indicator", targetCode: indicator },
        {
          name: `${label}.${pdf ? "pdf" : "png"}`,
          type: pdf ? "application/pdf" : "image/png",
          content,
        },
      ),
      headers,
    );
    if (reply.status !== 201) throw unexpected(`upload to ${indicator}`, reply);
    const saved = JSON.parse(reply.body) as { id: string; sha256: string; size: number };
    if (saved.sha256 !== sha256) throw unexpected(`upload to ${indicator} (other SHA-256)`, reply);
    this.ledger.upload({ id: saved.id, sha256, size: content.length });
  }
}

/** Signs in as one account after another; every session must survive the kills. */
class SignInClient extends Client {
  private static readonly ACCOUNTS = ["office", "leader", "auditor", "admin", "fin-clerk"];

  protected override async headers(): Promise<Record<string, string>> {
    return {};
  }

  protected async step(target: Endpoint): Promise<void> {
    await signIn(target, this.random.pick(SignInClient.ACCOUNTS), this.ledger);
    await sleep(this.random.int(10, 60));
  }
}

/**
 * The clients, each with its own random stream and, for writers, figures or items no
 * other client writes (so an acknowledged version can only be overtaken by the same
 * client's later saves). Accounts are the demo's department clerks and heads.
 */
export function createClients(
  city: DemoCity,
  ledger: Ledger,
  seed: number,
  shape: WorkloadShape = DEFAULT_SHAPE,
): Client[] {
  const rng = (name: string) => createRandom(seed, name);
  const departments = city.framework.doc.departments.map((department) => department.code);
  const accountsOf = (department: string) =>
    city.accounts.filter((account) => account.department === department).map((a) => a.username);
  const clients: Client[] = [];

  // Figures: clerks and heads of departments whose indicators read elements, each
  // handed figures no one else gets, round by round.
  const writers = departments
    .flatMap((department) => {
      const elements = [...elementsOfDepartment(city.framework, department)].sort();
      return accountsOf(department).map((username) => ({ username, elements }));
    })
    .filter((writer) => writer.elements.length > 0);
  const taken = new Set<string>();
  const plans = Array.from({ length: shape.figureClerks }, (_, index) => ({
    writer: writers[index % writers.length]!,
    keys: [] as FigureKey[],
  }));
  for (let round = 0; round < 4; round++) {
    for (const plan of plans) {
      for (const element of plan.writer.elements) {
        const region = city.regions.find((code) => !taken.has(`${element}/${code}`));
        if (region === undefined) continue;
        taken.add(`${element}/${region}`);
        plan.keys.push({ element, region, version: 0 });
        break;
      }
    }
  }
  plans.forEach((plan, index) => {
    if (plan.keys.length === 0) throw new Error(`no free figure for figure clerk ${index}`);
    const name = `figures-${index}`;
    clients.push(new FigureClerk(name, plan.writer.username, rng(name), ledger, city, plan.keys));
  });

  // Work answers: one department per client (a department's items are its own).
  const withItems = departments.filter((department) =>
    city.framework.workItems.some((item) => item.department === department),
  );
  for (let index = 0; index < Math.min(shape.workClerks, withItems.length); index++) {
    const department = withItems[index]!;
    const items = city.framework.workItems
      .filter((item) => item.department === department)
      .map((item) => item.code);
    const name = `work-${index}`;
    clients.push(new WorkClerk(name, accountsOf(department)[0]!, rng(name), ledger, city, items));
  }

  // Evidence: attached to the uploader's department's indicators.
  const withIndicators = departments.filter((department) =>
    city.framework.indicators.some((indicator) => indicator.department === department),
  );
  for (let index = 0; index < shape.uploaders; index++) {
    const department = withIndicators[index % withIndicators.length]!;
    const indicators = city.framework.indicators
      .filter((indicator) => indicator.department === department)
      .map((indicator) => indicator.code);
    const accounts = accountsOf(department);
    const name = `uploads-${index}`;
    clients.push(
      new Uploader(name, accounts[accounts.length - 1]!, rng(name), ledger, city, indicators),
    );
  }

  for (let index = 0; index < shape.signIns; index++) {
    const name = `sign-ins-${index}`;
    clients.push(new SignInClient(name, "", rng(name), ledger, city));
  }
  return clients;
}

export type { Client };
