import { Button, Tag } from "antd";
import { memo, useCallback, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CycleRegion } from "../../../contract/api";
import { CITY } from "../../../core";
import { formatLanguage } from "../../shared/format";
import { CellDetails, type FocusedCell } from "./cell-details";
import { useCityAggregate } from "./city-aggregate";
import { describeRule, ruleTarget } from "../../shared/describe-rule";
import { FigureCell } from "./figure-cell";
import type { FigureSaver } from "./figure-saver";
import type { FigureStore } from "./figure-store";
import type { FocusMove } from "./focus-move";
import { formatFigure, formatIndicatorValue, formatPercent, formatPoints } from "./format";
import {
  cellKey,
  type GridCard,
  type GridColumn,
  type GridRow,
  type PreviousYear,
} from "./grid-model";
import { useIndicatorResult, useIndicatorValue, type LiveScoreStore } from "./live-score-store";
import { WarningIcon } from "./status-icons";
import { ItemReasons } from "../workflow/item-reasons";

export interface IndicatorCardProps {
  card: GridCard;
  rows: GridRow[];
  regions: CycleRegion[];
  cellIndex: ReadonlyMap<string, number>;
  score: LiveScoreStore;
  worth: number;
  previous: PreviousYear | null;
  store: FigureStore;
  saver: FigureSaver;
  readOnly: boolean;
  onMove: (index: number, move: FocusMove) => void;
  onNote: (cellKey: string) => void;
  onDetails: (code: string) => void;
  focus: FocusedCell;
  cellName: (key: string) => string;
}

/** The indicator's value for one region (or the city) in the table's last column. */
function RegionValue(props: { score: LiveScoreStore; code: string; region: string | null }) {
  const value = useIndicatorValue(props.score, props.code, props.region);
  return <>{formatIndicatorValue(value)}</>;
}

/** What the indicator earns now: value, ratio, points, loss, and why it cannot be computed. */
function CardResult(props: {
  score: LiveScoreStore;
  code: string;
  worth: number;
  lastValue: number | null | undefined;
  elementNames: GridColumn[];
}) {
  const { t } = useTranslation("workspace");
  const result = useIndicatorResult(props.score, props.code);
  const earned = result ? props.worth * result.ratio : 0;
  const name = (code: string) =>
    props.elementNames.find((column) => column.element.code === code)?.element.name ?? code;
  return (
    <div className="kp-card-result" aria-live="polite">
      <span>
        {t("grid.value")}{" "}
        <strong data-testid={`value-${props.code}`}>
          {result?.status === "ok" ? formatIndicatorValue(result.value) : "—"}
        </strong>
        {props.lastValue !== undefined ? (
          <span className="kp-muted">
            {" "}
            ({t("grid.lastYear")} {formatIndicatorValue(props.lastValue)})
          </span>
        ) : null}
      </span>
      <span>
        {t("grid.ratio")}{" "}
        <strong data-testid={`ratio-${props.code}`}>{formatPercent(result?.ratio ?? 0)}</strong>
      </span>
      <span>
        {t("grid.points")}{" "}
        <strong data-testid={`points-${props.code}`}>{formatPoints(earned)}</strong>{" "}
        {t("grid.pointsOf", { worth: formatPoints(props.worth) })}
      </span>
      <span>
        {t("grid.loss")}{" "}
        <strong data-testid={`loss-${props.code}`}>{formatPoints(result?.loss ?? 0)}</strong>
      </span>
      {result?.status === "missing" ? (
        <span className="kp-result-warning">
          <WarningIcon /> {t("grid.missing", { inputs: result.missingInputs.map(name).join("、") })}
        </span>
      ) : result?.status === "error" ? (
        <span className="kp-result-warning">
          <WarningIcon /> {t("grid.formulaError")}
        </span>
      ) : null}
    </div>
  );
}

/** A figure entered in an earlier card: shown live, read-only, where this indicator reads it. */
function LiveFigure({ store, figureKey }: { store: FigureStore; figureKey: string }) {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(figureKey, listener),
    [store, figureKey],
  );
  const cell = useSyncExternalStore(subscribe, () => store.get(figureKey));
  const parsed = cell.draft === undefined ? undefined : store.parse(figureKey, cell.draft);
  const value =
    parsed?.kind === "number" ? parsed.value : parsed?.kind === "empty" ? null : cell.stored?.value;
  return <span className="kp-live-figure">{formatFigure(value)}</span>;
}

function CityPlaceholderCell(props: {
  column: GridColumn;
  regions: CycleRegion[];
  store: FigureStore;
  render: (placeholder: string | undefined) => ReactNode;
}) {
  const { t } = useTranslation("workspace");
  const aggregate = useCityAggregate(
    props.store,
    props.column.element.code,
    props.column.element.aggregation,
    props.regions,
  );
  const placeholder =
    aggregate === null
      ? t("grid.cityPlaceholder")
      : `${t("grid.cityPlaceholder")} ${formatFigure(aggregate, 4)}`;
  return <>{props.render(placeholder)}</>;
}

/**
 * One indicator of the 指标考评表: its unit, target and rule in words, a table of the
 * figures it reads (a row per region, then the city; a column per data element), the
 * indicator's value per region, and what it earns now: value, ratio and points.
 */
export const IndicatorCard = memo(function IndicatorCard(props: IndicatorCardProps) {
  const { card, rows, previous, store, saver } = props;
  const indicator = card.indicator;
  const { t, i18n } = useTranslation("workspace");
  const lang = formatLanguage(i18n.language);
  const headingId = `indicator-heading-${indicator.code}`;
  const lastValue = previous ? (previous.indicators.get(indicator.code) ?? null) : undefined;
  const focus = props.focus;
  const setFocused = useCallback((key: string | null) => focus.set(key), [focus]);
  const keys = useMemo(
    () =>
      new Set(
        card.columns
          .filter((column) => column.editable)
          .flatMap((column) => rows.map((row) => cellKey(column.element.code, row.code))),
      ),
    [card, rows],
  );

  const figureCell = (column: GridColumn, row: GridRow, placeholder?: string) => {
    const key = cellKey(column.element.code, row.code);
    return (
      <FigureCell
        cellKey={key}
        index={props.cellIndex.get(key) ?? -1}
        element={column.element.code}
        region={row.code}
        label={t("grid.cellLabel", { region: row.name, element: column.element.name })}
        placeholder={placeholder}
        lastYear={previous ? (previous.figures.get(key) ?? null) : undefined}
        readOnly={props.readOnly}
        store={store}
        saver={saver}
        onMove={props.onMove}
        onNote={props.onNote}
        onFocusCell={setFocused}
      />
    );
  };

  return (
    <section
      className="kp-card"
      id={`indicator-${indicator.code}`}
      aria-labelledby={headingId}
      data-testid={`indicator-${indicator.code}`}
    >
      <div className="kp-card-head">
        <h3 id={headingId} className="kp-card-title">
          <span className="kp-code">{indicator.code}</span> {indicator.name}
        </h3>
        <Tag>{t("grid.weight", { weight: indicator.weight })}</Tag>
        <Button size="small" onClick={() => props.onDetails(indicator.code)}>
          {t("grid.details")}
        </Button>
      </div>
      <ItemReasons kind="indicator" code={indicator.code} />
      <p className="kp-card-rule">
        {indicator.unit ? <span>{t("grid.unit", { unit: indicator.unit })}</span> : null}
        <span>{t("grid.target", { target: ruleTarget(indicator.rule, indicator.unit) })}</span>
        <span>{t("grid.rule", { rule: describeRule(indicator.rule, lang, indicator.unit) })}</span>
      </p>
      <div className="kp-table-scroll">
        <table className="kp-grid-table">
          <thead>
            <tr>
              <th scope="col" className="kp-sticky">
                {t("grid.region")}
              </th>
              {card.columns.map((column) => (
                <th scope="col" key={column.element.code}>
                  <span className="kp-col-name">{column.element.name}</span>
                  <span className="kp-col-sub">
                    {column.element.code}
                    {column.element.unit ? ` · ${column.element.unit}` : ""}
                  </span>
                  {!column.editable ? (
                    <span className="kp-col-sub">
                      {t("grid.enteredIn", { indicator: column.enteredIn })}
                    </span>
                  ) : null}
                </th>
              ))}
              <th scope="col" className="kp-col-value">
                {t("grid.indicatorValue")}
                {indicator.unit ? <span className="kp-col-sub">{indicator.unit}</span> : null}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const isCity = row.code === CITY;
              return (
                <tr key={row.code} className={isCity ? "kp-city-row" : undefined}>
                  <th scope="row" className="kp-sticky">
                    {row.name}
                  </th>
                  {card.columns.map((column) => (
                    <td key={column.element.code}>
                      {!column.editable ? (
                        <LiveFigure
                          store={store}
                          figureKey={cellKey(column.element.code, row.code)}
                        />
                      ) : isCity && props.regions.length > 0 ? (
                        <CityPlaceholderCell
                          column={column}
                          regions={props.regions}
                          store={store}
                          render={(placeholder) => figureCell(column, row, placeholder)}
                        />
                      ) : (
                        figureCell(column, row)
                      )}
                    </td>
                  ))}
                  <td className="kp-col-value">
                    <RegionValue
                      score={props.score}
                      code={indicator.code}
                      region={isCity ? null : row.code}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CellDetails
        focus={focus}
        keys={keys}
        store={store}
        names={props.cellName}
        onNote={props.onNote}
      />
      <CardResult
        score={props.score}
        code={indicator.code}
        worth={props.worth}
        lastValue={lastValue}
        elementNames={card.columns}
      />
    </section>
  );
});
