import { Collapse, Drawer, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DepartmentItems } from "../../../contract/api";
import { CommentThread } from "../../shared/comments/comment-thread";
import { EvidencePanel } from "../../shared/evidence/evidence-panel";
import { formatLanguage, formatNumber } from "../../shared/format";
import { describeRule } from "../../shared/describe-rule";

export interface DrawerTarget {
  kind: "indicator" | "workItem";
  code: string;
}

/**
 * An item's details beside the grid: its rule (or criteria), the evidence the framework
 * asks for, the evidence files (on the indicator and on each figure it reads), and the
 * conversation with the office.
 */
export function ItemDrawer(props: {
  year: number;
  items: DepartmentItems;
  target: DrawerTarget | null;
  canUpload: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation("workspace");
  const lang = formatLanguage(i18n.language);
  const { target, year } = props;
  const indicator =
    target?.kind === "indicator"
      ? props.items.indicators.find((entry) => entry.code === target.code)
      : undefined;
  const work =
    target?.kind === "workItem"
      ? props.items.workItems.find((entry) => entry.code === target.code)
      : undefined;
  const title = indicator
    ? `${indicator.code} ${indicator.name}`
    : work
      ? `${work.code} ${work.name}`
      : "";

  return (
    <Drawer
      open={target !== null && (indicator !== undefined || work !== undefined)}
      title={title}
      onClose={props.onClose}
      size={560}
      rootClassName="kp-drawer"
      destroyOnHidden
      data-testid="item-drawer"
    >
      {indicator ? (
        <div className="kp-drawer-body">
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.rule")}</h3>
            <p>{describeRule(indicator.rule, lang, indicator.unit)}</p>
            <p className="kp-muted">{t("drawer.formula", { formula: indicator.formula })}</p>
          </section>
          {indicator.evidenceRequired.length > 0 ? (
            <section>
              <h3 className="kp-drawer-heading">{t("drawer.evidenceRequired")}</h3>
              <ul className="kp-plain-list">
                {indicator.evidenceRequired.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.indicatorEvidence")}</h3>
            <EvidencePanel
              year={year}
              kind="indicator"
              code={indicator.code}
              files={indicator.evidence}
              canUpload={props.canUpload}
              onChanged={props.onChanged}
            />
          </section>
          <Collapse
            size="small"
            items={indicator.elements.map((element) => ({
              key: element.code,
              label: `${t("drawer.elementEvidence", { element: element.name })}（${element.evidence.length}）`,
              children: (
                <EvidencePanel
                  year={year}
                  kind="dataElement"
                  code={element.code}
                  files={element.evidence}
                  canUpload={props.canUpload}
                  onChanged={props.onChanged}
                />
              ),
            }))}
          />
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.comments")}</h3>
            <CommentThread year={year} kind="indicator" code={indicator.code} />
          </section>
        </div>
      ) : work ? (
        <div className="kp-drawer-body">
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.criteria")}</h3>
            <ul className="kp-plain-list">
              {work.criteria.map((criterion) => (
                <li key={criterion.code}>
                  <Typography.Text strong>{criterion.code}</Typography.Text> {criterion.text}（
                  {formatNumber(criterion.points, 4)}）
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.workEvidence")}</h3>
            <EvidencePanel
              year={year}
              kind="workItem"
              code={work.code}
              files={work.evidence}
              canUpload={props.canUpload}
              onChanged={props.onChanged}
            />
          </section>
          <section>
            <h3 className="kp-drawer-heading">{t("drawer.comments")}</h3>
            <CommentThread year={year} kind="workItem" code={work.code} />
          </section>
        </div>
      ) : null}
    </Drawer>
  );
}
