import { CheckCircleOutlined, EditOutlined } from "@ant-design/icons";
import { Alert, Button, Input, Space, Typography } from "antd";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Narrative, NarrativesDoc } from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { errorMessage } from "../workflow/api-problem";
import { documentsPath } from "./queries";
import "./messages";

/** The server's limit on one section (saveNarrativeBodySchema). */
export const NARRATIVE_MAX_CHARS = 20_000;

type Problem =
  | { kind: "conflict"; theirs: Narrative | null }
  | { kind: "locked"; message: string }
  | { kind: "failed"; message: string };

const isSaveKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s";

/**
 * One written section of the report. The text typed stays in the box until saved; a
 * save carries the version it started from, so a section someone else saved meanwhile
 * is never overwritten unseen (409: their text is shown beside ours, and the next save
 * is made knowingly from their version).
 */
export function NarrativeSection(props: {
  year: number;
  scope: string;
  narrative: Narrative;
  editable: boolean;
  onSaved: (doc: NarrativesDoc) => void;
  onStale: () => Promise<NarrativesDoc | undefined>;
}) {
  const { narrative } = props;
  const { t, i18n } = useTranslation("documents");
  const id = useId();
  const [text, setText] = useState(narrative.text);
  const [base, setBase] = useState(narrative);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const dirty = text !== base.text;

  // Someone saved elsewhere and nothing is typed here: show the stored text.
  useEffect(() => {
    if (narrative.version > base.version && !dirty) {
      setBase(narrative);
      setText(narrative.text);
    }
  }, [narrative, base.version, dirty]);

  const save = async () => {
    if (saving || !props.editable) return;
    setSaving(true);
    setProblem(null);
    try {
      const doc = await api.put<NarrativesDoc>(
        `${documentsPath(props.year, props.scope)}/narratives`,
        {
          section: narrative.section,
          text,
          version: base.version,
        },
      );
      const saved = doc.sections.find((entry) => entry.section === narrative.section);
      if (saved) setBase(saved);
      props.onSaved(doc);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const latest = await props.onStale();
        const theirs = latest?.sections.find((entry) => entry.section === narrative.section);
        // The next save is made from their version, knowingly: their text is on screen.
        if (theirs) setBase(theirs);
        setProblem({ kind: "conflict", theirs: theirs ?? null });
      } else if (error instanceof ApiError && error.status === 423) {
        setProblem({ kind: "locked", message: error.message });
        void props.onStale();
      } else {
        setProblem({ kind: "failed", message: errorMessage(error) });
      }
    } finally {
      setSaving(false);
    }
  };

  const lang = formatLanguage(i18n.language);
  const label = t(`narratives.sections.${narrative.section}`);
  const status = dirty ? (
    <Typography.Text type="warning">
      <EditOutlined aria-hidden /> {t("narratives.unsaved")}
    </Typography.Text>
  ) : base.updatedAt ? (
    <Typography.Text type="secondary">
      <CheckCircleOutlined aria-hidden />{" "}
      {t("narratives.savedBy", {
        who: base.updatedBy ?? t("narratives.someone"),
        at: formatDateTime(base.updatedAt, lang),
      })}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">{t("narratives.neverSaved")}</Typography.Text>
  );

  return (
    <section data-testid={`narrative-${narrative.section}`} style={{ marginBottom: 24 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        <label htmlFor={id}>{label}</label>
      </Typography.Title>
      <Input.TextArea
        id={id}
        value={text}
        readOnly={!props.editable}
        maxLength={NARRATIVE_MAX_CHARS}
        showCount={props.editable}
        autoSize={{ minRows: 5, maxRows: 16 }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (!isSaveKey(event)) return;
          event.preventDefault();
          void save();
        }}
        data-testid={`narrative-text-${narrative.section}`}
      />
      <Space wrap style={{ marginTop: 8 }} aria-live="polite">
        {props.editable ? (
          <Button
            type="primary"
            loading={saving}
            disabled={!dirty}
            onClick={() => void save()}
            data-testid={`narrative-save-${narrative.section}`}
          >
            {t("narratives.save")}
          </Button>
        ) : null}
        <span data-testid={`narrative-status-${narrative.section}`}>{status}</span>
      </Space>
      {problem?.kind === "conflict" ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid={`narrative-conflict-${narrative.section}`}
          title={t("narratives.conflict", {
            who: problem.theirs?.updatedBy ?? t("narratives.someone"),
          })}
          description={
            problem.theirs ? (
              <>
                <Typography.Text strong>{t("narratives.theirs")}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                  {problem.theirs.text}
                </Typography.Paragraph>
              </>
            ) : undefined
          }
        />
      ) : null}
      {problem?.kind === "locked" ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid={`narrative-locked-${narrative.section}`}
          title={t("narratives.locked", { message: problem.message })}
        />
      ) : null}
      {problem?.kind === "failed" ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t("narratives.failed", { message: problem.message })}
        />
      ) : null}
    </section>
  );
}
