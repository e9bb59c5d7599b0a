import { memo, useCallback, useSyncExternalStore, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatLanguage } from "../../shared/format";
import { SaveStatus } from "./cell-status";
import type { FigureSaver } from "./figure-saver";
import type { FigureStore } from "./figure-store";
import type { FocusMove } from "./focus-move";
import { formatFigure } from "./format";
import { NoteIcon } from "./status-icons";

export interface FigureCellProps {
  cellKey: string;
  /** The cell's place in the grid's page order (see grid-model.ts). */
  index: number;
  element: string;
  region: string;
  /** "惠城区 常住人口": what a screen reader announces for the input. */
  label: string;
  placeholder?: string;
  /** Last year's figure: null when it was not entered, undefined when there is no last year. */
  lastYear: number | null | undefined;
  readOnly: boolean;
  store: FigureStore;
  saver: FigureSaver;
  onMove: (index: number, move: FocusMove) => void;
  onNote: (cellKey: string) => void;
  onFocusCell: (cellKey: string | null) => void;
}

/**
 * One figure: the input (typed text lives in the store, so only this cell re-renders),
 * its save state in icon and word, the reason when the text is not a figure or the
 * server refused it, last year's figure, and a mark when it has a note.
 */
export const FigureCell = memo(function FigureCell(props: FigureCellProps) {
  const { cellKey, index, element, region, store, saver, onMove, onNote } = props;
  const { t, i18n } = useTranslation("workspace");
  const lang = formatLanguage(i18n.language);
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(cellKey, listener),
    [store, cellKey],
  );
  const cell = useSyncExternalStore(subscribe, () => store.get(cellKey));
  const stored = cell.stored;
  const text = cell.draft ?? (stored ? formatFigure(stored.value) : "");
  const note = cell.noteDraft !== undefined ? cell.noteDraft : (stored?.note ?? null);
  const problem = cell.invalid ? cell.invalid[lang] : cell.refusal;
  const testKey = `${element}-${region}`;
  const errorId = `cell-error-${testKey}`;
  const lastId = `cell-last-${testKey}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    switch (event.key) {
      case "Enter":
        event.preventDefault();
        if (event.ctrlKey || event.metaKey) {
          onNote(cellKey);
          return;
        }
        saver.commit(cellKey);
        onMove(index, event.shiftKey ? "shiftEnter" : "enter");
        return;
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        onMove(index, event.key === "ArrowDown" ? "down" : "up");
        return;
      case "ArrowLeft":
        if (input.selectionStart === 0 && input.selectionEnd === 0) {
          event.preventDefault();
          onMove(index, "left");
        }
        return;
      case "ArrowRight":
        if (input.selectionStart === input.value.length) {
          event.preventDefault();
          onMove(index, "right");
        }
        return;
      case "Escape":
        if (cell.draft !== undefined || cell.noteDraft !== undefined) {
          event.preventDefault();
          event.stopPropagation();
          store.cancel(cellKey);
        }
        return;
    }
  };

  const savedBy =
    stored && stored.updatedAt
      ? t("grid.savedBy", {
          user: stored.updatedBy,
          time: formatDateTime(stored.updatedAt, lang),
        })
      : undefined;

  return (
    <div className="kp-cell">
      <input
        className={`kp-cell-input${problem ? " kp-cell-input-invalid" : ""}`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        aria-readonly={props.readOnly || undefined}
        aria-label={props.label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={
          [problem ? errorId : null, props.lastYear !== undefined ? lastId : null]
            .filter(Boolean)
            .join(" ") || undefined
        }
        title={savedBy}
        data-testid={`cell-${testKey}`}
        data-cell-index={index}
        onFocus={(event) => {
          event.currentTarget.select();
          props.onFocusCell(cellKey);
        }}
        onChange={(event) => store.type(cellKey, event.target.value)}
        onBlur={() => saver.commit(cellKey)}
        onKeyDown={onKeyDown}
      />
      <div className="kp-cell-meta">
        <SaveStatus status={cell.status} testId={`status-${testKey}`} />
        {note ? (
          <button
            type="button"
            className="kp-note-mark"
            tabIndex={-1}
            title={note}
            aria-label={`${t("grid.noteMark")}：${note}`}
            onClick={() => onNote(cellKey)}
          >
            <NoteIcon />
          </button>
        ) : null}
        {props.lastYear !== undefined ? (
          <span className="kp-cell-last" id={lastId}>
            {t("grid.lastYearValue", { value: formatFigure(props.lastYear) })}
          </span>
        ) : null}
      </div>
      {problem ? (
        <div className="kp-cell-error" id={errorId}>
          {problem}
        </div>
      ) : null}
    </div>
  );
});
