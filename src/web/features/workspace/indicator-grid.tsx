import { Button, Empty, Typography } from "antd";
import { useCallback, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CycleRegion } from "../../../contract/api";
import { FocusedCell } from "./cell-details";
import type { FigureSaver } from "./figure-saver";
import type { FigureStore } from "./figure-store";
import { moveFocus, type FocusMove } from "./focus-move";
import type { GridModel, PreviousYear } from "./grid-model";
import { IndicatorCard } from "./indicator-card";
import type { LiveScoreStore } from "./live-score-store";
import { usePendingCount } from "./store-hooks";

export interface IndicatorGridProps {
  model: GridModel;
  regions: CycleRegion[];
  score: LiveScoreStore;
  worth: ReadonlyMap<string, number>;
  previous: PreviousYear | null;
  store: FigureStore;
  saver: FigureSaver;
  readOnly: boolean;
  onNote: (cellKey: string) => void;
  onDetails: (code: string) => void;
  cellName: (key: string) => string;
}

let markedInteractive = false;

/** Tells the page's speed measurement, once per page load, that the grid takes input. */
function markGridInteractive(): void {
  if (markedInteractive || typeof performance === "undefined") return;
  markedInteractive = true;
  performance.mark("grid-interactive");
}

function focusCell(index: number): void {
  const input = document.querySelector<HTMLInputElement>(`input[data-cell-index="${index}"]`);
  input?.focus();
}

/**
 * The 指标考评表: every indicator of the department as a card of inputs, all in the page
 * (no virtualisation: a few hundred inputs are cheap, and Tab must reach every one).
 */
export function IndicatorGrid(props: IndicatorGridProps) {
  const { model, store, saver } = props;
  const { t } = useTranslation("workspace");
  const pending = usePendingCount(store);
  const refs = useMemo(() => model.cells.map((cell) => cell.ref), [model]);
  const cellIndex = useMemo(
    () => new Map(model.cells.map((cell, index) => [cell.key, index])),
    [model],
  );

  const focus = useMemo(() => new FocusedCell(), []);
  const onMove = useCallback(
    (index: number, move: FocusMove) => {
      const next = moveFocus(refs, index, move);
      if (next !== null) focusCell(next);
    },
    [refs],
  );

  useEffect(() => {
    if (!props.readOnly) markGridInteractive();
  }, [props.readOnly]);

  // Arriving from the task list (…/indicators#indicator-EDU01): bring that card into view.
  useEffect(() => {
    const target = window.location.hash.slice(1);
    if (!target) return;
    const card = document.getElementById(target);
    card?.scrollIntoView({ block: "start" });
    card?.querySelector<HTMLInputElement>("input[data-cell-index]")?.focus({ preventScroll: true });
  }, []);

  if (model.cards.length === 0) {
    return <Empty description={t("grid.noIndicators")} />;
  }

  return (
    <div className="kp-grid" data-testid="indicator-grid">
      <div className="kp-grid-toolbar">
        <Typography.Paragraph className="kp-grid-intro">{t("grid.intro")}</Typography.Paragraph>
        <div className="kp-grid-actions">
          {pending > 0 ? (
            <span className="kp-status kp-status-unsaved" data-testid="pending-count">
              {t("grid.pending", { count: pending })}
            </span>
          ) : null}
          <Button
            onClick={() => saver.commitAll()}
            disabled={pending === 0 || props.readOnly}
            data-testid="save-all"
          >
            {t("grid.saveAll")}
          </Button>
        </div>
      </div>
      {model.cards.map((card) => (
        <IndicatorCard
          key={card.indicator.code}
          card={card}
          rows={model.rows}
          regions={props.regions}
          cellIndex={cellIndex}
          score={props.score}
          worth={props.worth.get(card.indicator.code) ?? 0}
          previous={props.previous}
          store={store}
          saver={saver}
          readOnly={props.readOnly}
          onMove={onMove}
          onNote={props.onNote}
          onDetails={props.onDetails}
          focus={focus}
          cellName={props.cellName}
        />
      ))}
    </div>
  );
}
