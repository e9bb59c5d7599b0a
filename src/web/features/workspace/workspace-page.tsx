import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Empty, Result, Space, Spin, Tabs } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import type { WorkAnswer } from "../../../contract/api";
import { ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { useMe } from "../../auth/use-me";
import { IllustrativeTag } from "../../shared/illustrative-tag";
import { useYear } from "../../shared/year-context";
import { ConflictDialog } from "./conflict-dialog";
import { DeadlineBadge, DepartmentSummary } from "./department-summary";
import { formatFigure } from "./format";
import { previousYearOf, splitCellKey } from "./grid-model";
import { IndicatorGrid } from "./indicator-grid";
import { ItemDrawer, type DrawerTarget } from "./item-drawer";
import { IncrementalScorer } from "./incremental-score";
import { savedInputs, scoreDepartment } from "./live-score";
import { LiveScoreStore } from "./live-score-store";
import { NoteDialog } from "./note-dialog";
import { TaskList, taskRows } from "./task-list";
import { useFigureGrid } from "./use-figure-grid";
import { useDepartmentItems, useFramework } from "./use-workspace-data";
import { useWorkDrafts, workAwards } from "./work-drafts";
import { WorkSheet } from "./work-sheet";
import { ReturnReasonsProvider } from "../workflow/item-reasons";
import { revealItem, workspacePathOf } from "../workflow/go-to-item";
import { reasonsByItem, type ItemPlace } from "../workflow/item-target";
import { useSubmission } from "../workflow/queries";
import { DocumentsCard } from "../documents/documents-card";
import { SubmissionStrip } from "../workflow/submission-strip";
import { SubmitDialog } from "../workflow/submit-dialog";
import "./messages";
import "./workspace.css";

type TabKey = "tasks" | "indicators" | "work";

function tabOf(pathname: string): TabKey {
  if (pathname.startsWith("/workspace/indicators")) return "indicators";
  if (pathname.startsWith("/workspace/work")) return "work";
  return "tasks";
}

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/**
 * The department's workspace (clerk and head): the task list with deadline and points
 * lost, the 指标考评表 scored as the user types, the 工作测评表, and each item's evidence
 * and comments in a side panel. Both roles edit; the server decides what is allowed.
 */
export default function WorkspacePage() {
  const { t } = useTranslation("workspace");
  const me = useMe();
  const { year, cycle, previousYear } = useYear();
  const user = me.data?.user;
  const department = user?.departmentCode ?? null;

  if (!user) return <Spin />;
  if (year === null || !cycle) {
    return (
      <div className="kp-workspace">
        <h1 className="kp-page-title">{t("title")}</h1>
        <Empty description={t("noYear")} />
      </div>
    );
  }
  if (department === null) {
    return (
      <div className="kp-workspace">
        <h1 className="kp-page-title">{t("title")}</h1>
        <Result status="warning" title={t("noDepartment")} />
      </div>
    );
  }
  return (
    <Workspace
      key={`${user.username}-${year}`}
      year={year}
      closed={cycle.status !== "open"}
      departmentsDue={cycle.departmentsDue}
      previousYear={previousYear}
      username={user.username}
      department={department}
      isHead={user.role === "dept_head"}
    />
  );
}

function Workspace(props: {
  year: number;
  closed: boolean;
  departmentsDue: string;
  previousYear: number | null;
  username: string;
  department: string;
  isHead: boolean;
}) {
  const { year, department, username } = props;
  const { t } = useTranslation("workspace");
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const items = useDepartmentItems(year, department);
  const framework = useFramework(year);
  const previousItems = useDepartmentItems(props.previousYear, department);
  const [drawer, setDrawer] = useState<DrawerTarget | null>(null);
  const [noteKey, setNoteKey] = useState<string | null>(null);
  const [workLock, setWorkLock] = useState<string | null>(null);
  const [savedAnswers, setSavedAnswers] = useState<Record<string, WorkAnswer>>({});
  const { drafts: workDrafts, setDraft: setWorkDraft } = useWorkDrafts(username, year);

  const grid = useFigureGrid({
    year,
    username,
    department,
    items: items.data,
    framework: framework.framework,
    cityLabel: t("grid.city"),
  });
  const submission = useSubmission(year, department);
  const [submitting, setSubmitting] = useState(false);
  const lockedMessage = grid.lockedMessage ?? workLock;
  // Any lock of the workflow (submitted, accepted, deadline, aggregated, closed) makes
  // the page read-only, as a closed year does; the banner says which.
  const workflowLock = submission.data?.lock ?? null;
  const readOnly = props.closed || lockedMessage !== null || workflowLock !== null;
  const reasons = useMemo(
    () => reasonsByItem(submission.data?.state === "returned" ? submission.data.openReasons : []),
    [submission.data],
  );
  const goTo = useCallback(
    (place: ItemPlace) => {
      navigate(workspacePathOf(place));
      revealItem(place);
    },
    [navigate],
  );
  // A save refused as locked: the hand-in state has changed elsewhere; show why.
  const refusedAsLocked = lockedMessage !== null;
  const refetchSubmission = submission.refetch;
  useEffect(() => {
    if (refusedAsLocked) void refetchSubmission();
  }, [refusedAsLocked, refetchSubmission]);

  // The newest answer of each work item: the server's list, or a save made here since.
  const answers = useMemo(() => {
    const map = new Map<string, WorkAnswer | null>();
    for (const item of items.data?.workItems ?? []) {
      const mine = savedAnswers[item.code];
      map.set(item.code, mine && mine.version >= (item.answer?.version ?? 0) ? mine : item.answer);
    }
    return map;
  }, [items.data, savedAnswers]);
  const limits = useMemo(
    () =>
      new Map(
        (items.data?.workItems ?? []).map((item) => [
          item.code,
          new Map(item.criteria.map((criterion) => [criterion.code, criterion.points])),
        ]),
      ),
    [items.data],
  );
  const awards = useMemo(
    () => workAwards(answers, workDrafts, limits),
    [answers, workDrafts, limits],
  );
  const regions = items.data?.regions;
  const liveScore = useMemo(
    () =>
      framework.framework && regions
        ? new LiveScoreStore(
            grid.store,
            new IncrementalScorer(framework.framework, year, regions, department),
          )
        : null,
    [grid.store, framework.framework, regions, year, department],
  );
  // Before paint, so the points never show last render's work answers.
  useLayoutEffect(() => liveScore?.setWork(awards), [liveScore, awards]);
  const saved = useMemo(() => {
    if (!items.data || !framework.framework) return null;
    const inputs = savedInputs(items.data);
    return scoreDepartment(
      framework.framework,
      year,
      items.data.regions,
      inputs.values,
      inputs.work,
    );
  }, [items.data, framework.framework, year]);
  const previous = useMemo(() => previousYearOf(previousItems.data), [previousItems.data]);
  const rows = useMemo(() => (items.data ? taskRows(items.data, saved) : []), [items.data, saved]);

  const refreshItems = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.items(year, department) });
  }, [queryClient, year, department]);
  const onDetails = useCallback((code: string) => setDrawer({ kind: "indicator", code }), []);
  const onWorkDetails = useCallback((code: string) => setDrawer({ kind: "workItem", code }), []);
  const onSavedAnswer = useCallback(
    (answer: WorkAnswer) => setSavedAnswers((all) => ({ ...all, [answer.itemCode]: answer })),
    [],
  );

  const departmentName =
    framework.data?.departments.find((entry) => entry.code === department)?.name ?? department;
  const tab = tabOf(location.pathname);
  const conflict = grid.conflicts[0];
  const elementNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const indicator of items.data?.indicators ?? [])
      for (const element of indicator.elements) names.set(element.code, element.name);
    return names;
  }, [items.data]);
  const regionNames = useMemo(
    () => new Map(grid.model?.rows.map((row) => [row.code, row.name])),
    [grid.model],
  );
  const cellName = useCallback(
    (key: string) => {
      const { element, region } = splitCellKey(key);
      return `${regionNames.get(region) ?? region} ${elementNames.get(element) ?? element}`;
    },
    [regionNames, elementNames],
  );

  const header = (
    <div className="kp-page-head">
      <Space wrap align="center">
        <h1 className="kp-page-title">
          {t("titleWithDepartment", { department: departmentName })}
        </h1>
        <IllustrativeTag />
      </Space>
      <DeadlineBadge due={props.departmentsDue} today={dayjs().format("YYYY-MM-DD")} />
    </div>
  );

  // A department the year's framework does not name has nothing to do that year.
  if (items.error instanceof ApiError && items.error.status === 404) {
    return (
      <div className="kp-workspace">
        {header}
        <Empty description={t("tasks.empty", { year })} data-testid="workspace-empty" />
      </div>
    );
  }
  if (items.isError || framework.isError) {
    return (
      <div className="kp-workspace">
        {header}
        <Alert
          type="error"
          showIcon
          title={t("loadFailed", { message: errorText(items.error ?? framework.error) })}
          action={
            <Button
              onClick={() => {
                void items.refetch();
                void framework.refetch();
              }}
            >
              {t("common:retry")}
            </Button>
          }
        />
      </div>
    );
  }
  if (!items.data || !framework.framework || !grid.model || !liveScore) {
    return (
      <div className="kp-workspace">
        {header}
        <Spin />
      </div>
    );
  }
  const itemsData = items.data;

  return (
    <ReturnReasonsProvider reasons={reasons}>
      <div className="kp-workspace">
        {header}
        {submission.data ? (
          <SubmissionStrip
            submission={submission.data}
            items={itemsData}
            isHead={props.isHead}
            onSubmit={() => setSubmitting(true)}
            onGoTo={goTo}
          />
        ) : null}
        {submitting ? (
          <SubmitDialog
            year={year}
            department={department}
            items={itemsData}
            onClose={() => setSubmitting(false)}
            onGoTo={goTo}
          />
        ) : null}
        {readOnly && (workflowLock === null || lockedMessage !== null) ? (
          <Alert
            type="warning"
            showIcon
            className="kp-notice"
            data-testid="locked-notice"
            title={t("locked.title", { year })}
            description={
              lockedMessage ? t("locked.server", { message: lockedMessage }) : t("locked.closed")
            }
          />
        ) : null}
        {grid.restored > 0 ? (
          <Alert
            type="info"
            showIcon
            className="kp-notice"
            data-testid="drafts-restored"
            title={t("drafts.restored", { count: grid.restored })}
            action={
              <Space wrap>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => {
                    grid.saver.commitAll();
                    grid.dismissRestored();
                  }}
                >
                  {t("drafts.saveAll")}
                </Button>
                <Button size="small" onClick={grid.discardRestored}>
                  {t("drafts.discard")}
                </Button>
              </Space>
            }
            closable={{ "aria-label": t("common:close"), onClose: grid.dismissRestored }}
          />
        ) : null}
        <DepartmentSummary
          score={liveScore}
          figures={grid.store}
          department={department}
          workDrafts={Object.keys(workDrafts).length}
        />
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            navigate(key === "tasks" ? "/workspace" : `/workspace/${key}`, { replace: false })
          }
          destroyOnHidden
          items={[
            {
              key: "tasks",
              label: t("tabs.tasks"),
              children: (
                <section aria-labelledby="tasks-heading">
                  <h2 id="tasks-heading" className="kp-section-title">
                    {t("tasks.heading")}
                  </h2>
                  {rows.length === 0 ? (
                    <Empty description={t("tasks.empty", { year })} />
                  ) : (
                    <TaskList rows={rows} onDetails={(kind, code) => setDrawer({ kind, code })} />
                  )}
                  <DocumentsCard year={year} department={department} />
                </section>
              ),
            },
            {
              key: "indicators",
              label: t("tabs.indicators"),
              children: (
                <section aria-labelledby="grid-heading">
                  <h2 id="grid-heading" className="kp-section-title">
                    {t("grid.heading")}
                  </h2>
                  <IndicatorGrid
                    model={grid.model}
                    regions={itemsData.regions}
                    score={liveScore}
                    worth={liveScore.scorer.worth}
                    previous={previous}
                    store={grid.store}
                    saver={grid.saver}
                    readOnly={readOnly}
                    onNote={setNoteKey}
                    onDetails={onDetails}
                    cellName={cellName}
                  />
                </section>
              ),
            },
            {
              key: "work",
              label: t("tabs.work"),
              children: (
                <section aria-labelledby="work-heading">
                  <h2 id="work-heading" className="kp-section-title">
                    {t("work.heading")}
                  </h2>
                  <WorkSheet
                    year={year}
                    department={department}
                    items={itemsData.workItems}
                    answers={answers}
                    drafts={workDrafts}
                    readOnly={readOnly}
                    onDraft={setWorkDraft}
                    onSaved={onSavedAnswer}
                    onLocked={setWorkLock}
                    onDetails={onWorkDetails}
                  />
                </section>
              ),
            },
          ]}
        />
        <ItemDrawer
          year={year}
          items={itemsData}
          target={drawer}
          canUpload={!readOnly}
          onClose={() => setDrawer(null)}
          onChanged={refreshItems}
        />
        {noteKey ? (
          <NoteDialog
            cellLabel={cellName(noteKey)}
            note={
              grid.store.get(noteKey).noteDraft !== undefined
                ? (grid.store.get(noteKey).noteDraft ?? null)
                : (grid.store.get(noteKey).stored?.note ?? null)
            }
            readOnly={readOnly}
            onClose={() => setNoteKey(null)}
            onSave={(note) => {
              grid.store.setNote(noteKey, note);
              grid.saver.commit(noteKey);
              setNoteKey(null);
            }}
          />
        ) : null}
        {conflict ? (
          <ConflictDialog
            open
            item={cellName(conflict.key)}
            mineLabel={t("conflict.mine")}
            mine={
              conflict.mine.text === undefined
                ? formatFigure(grid.store.get(conflict.key).stored?.value)
                : conflict.mine.text.trim() === ""
                  ? t("conflict.empty")
                  : conflict.mine.text
            }
            storedLabel={t("conflict.stored")}
            stored={
              conflict.current.value === null
                ? t("conflict.empty")
                : formatFigure(conflict.current.value)
            }
            storedBy={conflict.current.updatedBy}
            storedAt={conflict.current.updatedAt}
            onKeepMine={() => grid.resolveConflict(conflict, true)}
            onTakeStored={() => grid.resolveConflict(conflict, false)}
          />
        ) : null}
      </div>
    </ReturnReasonsProvider>
  );
}
