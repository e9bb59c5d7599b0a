import { describe, expect, it, vi } from "vitest";
import type { SavedValue, SaveValueBody } from "../../../contract/api";
import { ApiError } from "../../api/client";
import { FigureSaver, retryDelay, type FigureApi, type FigureConflict } from "./figure-saver";
import { FigureStore } from "./figure-store";
import { cellKey } from "./grid-model";

const KEY = cellKey("POP", "HC");

function saved(value: number, version: number, note: string | null = null): SavedValue {
  return {
    element: "POP",
    region: "HC",
    value,
    note,
    version,
    updatedBy: "edu-clerk",
    updatedAt: "2026-03-01T02:00:00.000Z",
  };
}

/** A clock whose timers run only when the test says so. */
function manualClock() {
  const timers: { run: () => void; ms: number }[] = [];
  return {
    timers,
    clock: {
      now: () => 1_000,
      setTimeout: (run: () => void, ms: number) => timers.push({ run, ms }),
      clearTimeout: () => undefined,
    },
    runAll() {
      const due = timers.splice(0);
      due.forEach((timer) => timer.run());
    },
  };
}

function setup(api: Partial<FigureApi>, stored?: SavedValue) {
  const store = new FigureStore(null, "test");
  store.setBounds("POP", { min: 0 });
  store.syncStored(new Map(stored ? [[KEY, stored]] : []), [KEY], 1);
  const events = { onConflict: vi.fn(), onLocked: vi.fn(), onSaved: vi.fn() };
  const time = manualClock();
  const fullApi: FigureApi = {
    save: api.save ?? vi.fn(),
    clear: api.clear ?? vi.fn(),
  };
  const saver = new FigureSaver(store, fullApi, events, time.clock);
  return { store, saver, events, time, api: fullApi };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("FigureSaver", () => {
  it("saves with the version last seen and keeps the stored note", async () => {
    const save = vi.fn(async (_e: string, _r: string, body: SaveValueBody) =>
      saved(body.value, 4, body.note ?? null),
    );
    const { store, saver, events } = setup({ save }, saved(10, 3, "普查数"));
    store.type(KEY, "1,234");
    saver.commit(KEY);
    expect(store.get(KEY).status).toBe("saving");
    await settle();
    expect(save).toHaveBeenCalledWith("POP", "HC", { value: 1234, version: 3, note: "普查数" });
    expect(store.get(KEY)).toMatchObject({ status: "saved", draft: undefined });
    expect(store.get(KEY).stored?.version).toBe(4);
    expect(events.onSaved).toHaveBeenCalledWith(KEY);
  });

  it("keeps the draft after a temporary failure and retries it later", async () => {
    const save = vi
      .fn<FigureApi["save"]>()
      .mockRejectedValueOnce(new ApiError(0, "network", "无法连接服务器", null))
      .mockResolvedValueOnce(saved(42, 1));
    const { store, saver, time } = setup({ save });
    store.type(KEY, "42");
    saver.commit(KEY);
    await settle();
    expect(store.get(KEY)).toMatchObject({ status: "unsaved", draft: "42" });
    expect(time.timers).toHaveLength(1);
    expect(time.timers[0]!.ms).toBe(retryDelay(0));
    time.runAll();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(store.get(KEY)).toMatchObject({ status: "saved", draft: undefined });
  });

  it("never retries a refusal, and shows the server's reason", async () => {
    const refusal = new ApiError(422, "invalid", "POP（HC）：数值 -1 小于下限 0", null);
    const save = vi.fn<FigureApi["save"]>().mockRejectedValue(refusal);
    const { store, saver, time } = setup({ save });
    store.setBounds("POP", {});
    store.type(KEY, "-1");
    saver.commit(KEY);
    await settle();
    expect(store.get(KEY)).toMatchObject({
      status: "error",
      refusal: refusal.message,
      draft: "-1",
    });
    expect(time.timers).toHaveLength(0);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("does not send text that is not a figure", () => {
    const save = vi.fn<FigureApi["save"]>();
    const { store, saver } = setup({ save });
    store.type(KEY, "abc");
    saver.commit(KEY);
    expect(save).not.toHaveBeenCalled();
    expect(store.get(KEY).status).toBe("error");
    expect(store.get(KEY).invalid?.zh).toContain("请输入数字");
  });

  it("clears an emptied cell with DELETE and the version last seen", async () => {
    const clear = vi.fn<FigureApi["clear"]>().mockResolvedValue({
      element: "POP",
      region: "HC",
      cleared: true,
      version: 0,
    });
    const { store, saver } = setup({ clear }, saved(10, 5));
    store.type(KEY, "");
    saver.commit(KEY);
    await settle();
    expect(clear).toHaveBeenCalledWith("POP", "HC", 5);
    expect(store.get(KEY)).toMatchObject({ status: "saved", stored: undefined, draft: undefined });
  });

  it("hands a conflict to the user; keeping mine saves on the stored version", async () => {
    const current = {
      element: "POP",
      region: "HC",
      value: 99,
      version: 7,
      note: null,
      updatedBy: "edu-head",
      updatedAt: "2026-03-01T03:00:00.000Z",
    };
    const save = vi
      .fn<FigureApi["save"]>()
      .mockRejectedValueOnce(
        new ApiError(409, "conflict", "此数据已被他人修改", {
          error: "conflict",
          message: "此数据已被他人修改",
          current,
        }),
      )
      .mockResolvedValueOnce(saved(50, 8));
    const { store, saver, events, time } = setup({ save }, saved(10, 6));
    store.type(KEY, "50");
    saver.commit(KEY);
    await settle();
    expect(time.timers).toHaveLength(0);
    expect(events.onConflict).toHaveBeenCalledTimes(1);
    const conflict = events.onConflict.mock.calls[0]![0] as FigureConflict;
    expect(conflict.mine.text).toBe("50");
    expect(conflict.current.value).toBe(99);
    saver.keepMine(conflict);
    await settle();
    expect(save).toHaveBeenLastCalledWith("POP", "HC", { value: 50, version: 7, note: null });
    expect(store.get(KEY).stored?.version).toBe(8);
  });

  it("taking the stored figure drops the draft without saving", async () => {
    const { store, saver } = setup({}, saved(10, 6));
    store.type(KEY, "50");
    saver.takeStored({
      key: KEY,
      mine: { text: "50", note: undefined },
      current: { element: "POP", region: "HC", value: 99, version: 7 },
    });
    expect(store.get(KEY)).toMatchObject({ draft: undefined });
    expect(store.get(KEY).stored).toMatchObject({ value: 99, version: 7 });
  });

  it("keeps a save refused by an ended session and sends it after signing in again", async () => {
    const save = vi
      .fn<FigureApi["save"]>()
      .mockRejectedValueOnce(new ApiError(401, "unauthenticated", "请重新登录", null))
      .mockResolvedValueOnce(saved(8, 1));
    const { store, saver, time } = setup({ save });
    store.type(KEY, "8");
    saver.commit(KEY);
    await settle();
    expect(store.get(KEY)).toMatchObject({ status: "unsaved", draft: "8" });
    expect(time.timers).toHaveLength(0);
    saver.retryAfterSignIn();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(store.get(KEY)).toMatchObject({ status: "saved", draft: undefined });
  });

  it("stops saving when the year is locked", async () => {
    const save = vi
      .fn<FigureApi["save"]>()
      .mockRejectedValue(new ApiError(423, "locked", "2025 年度已锁定（考评已结束）", null));
    const { store, saver, events } = setup({ save });
    store.type(KEY, "1");
    saver.commit(KEY);
    await settle();
    expect(events.onLocked).toHaveBeenCalledWith("2025 年度已锁定（考评已结束）");
    expect(saver.isLocked).toBe(true);
    saver.commit(KEY);
    expect(save).toHaveBeenCalledTimes(1);
    expect(store.get(KEY).draft).toBe("1");
  });

  it("keeps what was typed while a save was on its way, and saves it next", async () => {
    let finish: (value: SavedValue) => void = () => undefined;
    const save = vi
      .fn<FigureApi["save"]>()
      .mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)))
      .mockResolvedValueOnce(saved(3, 2));
    const { store, saver } = setup({ save });
    store.type(KEY, "2");
    saver.commit(KEY);
    store.type(KEY, "3");
    saver.commit(KEY);
    finish(saved(2, 1));
    await settle();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("POP", "HC", { value: 3, version: 1, note: null });
    expect(store.get(KEY)).toMatchObject({ status: "saved", draft: undefined });
  });

  it("saves on the version seen when typing began, so a newer figure shown meanwhile is a conflict", async () => {
    const save = vi.fn<FigureApi["save"]>().mockResolvedValue(saved(60, 9));
    const { store, saver } = setup({ save }, saved(10, 6));
    store.type(KEY, "5");
    store.type(KEY, "50");
    // A refetch shows what someone else saved meanwhile (the page did not write it).
    store.syncStored(new Map([[KEY, saved(99, 8)]]), [KEY], 2_000);
    store.type(KEY, "60");
    saver.commit(KEY);
    await settle();
    expect(save).toHaveBeenCalledWith("POP", "HC", { value: 60, version: 6, note: null });
  });
});

describe("FigureStore drafts", () => {
  it("survive in storage and come back over the stored figures", () => {
    const memory = new Map<string, string>();
    const storage = {
      getItem: (key: string) => memory.get(key) ?? null,
      setItem: (key: string, value: string) => void memory.set(key, value),
      removeItem: (key: string) => void memory.delete(key),
    };
    const first = new FigureStore(storage, "drafts");
    first.type(KEY, "77");
    first.type(cellKey("POP", "HY"), "abc");
    first.flushDrafts();

    const second = new FigureStore(storage, "drafts");
    second.syncStored(new Map([[KEY, saved(10, 1)]]), [KEY, cellKey("POP", "HY")], 1);
    expect(second.restoreDrafts(new Set([KEY, cellKey("POP", "HY")]))).toBe(2);
    expect(second.get(KEY)).toMatchObject({ draft: "77", status: "unsaved" });
    expect(second.get(cellKey("POP", "HY")).status).toBe("error");
    expect(second.values().POP).toEqual({ HC: 77 });
  });

  it("lays drafts over stored figures for scoring; an emptied cell counts as none", () => {
    const store = new FigureStore(null, "x");
    store.syncStored(
      new Map([
        [KEY, saved(10, 1)],
        [cellKey("POP", "HY"), { ...saved(20, 1), region: "HY" }],
      ]),
      [KEY, cellKey("POP", "HY")],
      1,
    );
    store.type(KEY, "");
    expect(store.values()).toEqual({ POP: { HY: 20 } });
    store.type(KEY, "12.5");
    expect(store.values()).toEqual({ POP: { HC: 12.5, HY: 20 } });
    store.cancel(KEY);
    expect(store.values()).toEqual({ POP: { HC: 10, HY: 20 } });
  });
});
