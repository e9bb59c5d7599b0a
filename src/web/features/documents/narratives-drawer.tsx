import { useQueryClient } from "@tanstack/react-query";
import { Alert, Drawer, Skeleton, Space, Typography } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { NarrativesDoc } from "../../../contract/api";
import { IllustrativeTag } from "../../shared/illustrative-tag";
import { errorMessage } from "../workflow/api-problem";
import { NarrativeSection } from "./narrative-section";
import { CITY_SCOPE, documentKeys, useNarratives } from "./queries";
import "./messages";

/**
 * The report's written sections (工作开展情况, 存在问题, 下一步措施) in a drawer beside
 * the page: one box each, saved on its own; read only when the server says they cannot
 * be changed now (submitted, past the deadline, the year aggregated or closed).
 */
export function NarrativesDrawer(props: {
  year: number;
  scope: string;
  title: string;
  open: boolean;
  onClose: () => void;
}) {
  const { year, scope } = props;
  const { t } = useTranslation("documents");
  const client = useQueryClient();
  const narratives = useNarratives(year, scope, props.open);
  const onSaved = useCallback(
    (doc: NarrativesDoc) => client.setQueryData(documentKeys.narratives(year, scope), doc),
    [client, year, scope],
  );
  const onStale = useCallback(async () => (await narratives.refetch()).data, [narratives]);

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      size={scope === CITY_SCOPE ? 760 : 680}
      destroyOnHidden
      closable={{ "aria-label": t("narratives.close") }}
      title={
        <Space wrap>
          <span>{props.title}</span>
          <IllustrativeTag />
        </Space>
      }
    >
      <div data-testid="narratives-drawer">
        {narratives.isError ? (
          <Alert
            type="error"
            showIcon
            title={t("narratives.loadFailed", { message: errorMessage(narratives.error) })}
          />
        ) : !narratives.data ? (
          <Skeleton active />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t("narratives.intro")}</Typography.Paragraph>
            {narratives.data.editable ? null : (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="narratives-read-only"
                title={t("narratives.readOnly")}
              />
            )}
            {narratives.data.sections.map((narrative) => (
              <NarrativeSection
                key={narrative.section}
                year={year}
                scope={scope}
                narrative={narrative}
                editable={narratives.data.editable}
                onSaved={onSaved}
                onStale={onStale}
              />
            ))}
          </>
        )}
      </div>
    </Drawer>
  );
}
