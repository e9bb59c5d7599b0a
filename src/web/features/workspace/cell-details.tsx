import { Button } from "antd";
import { useCallback, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatLanguage } from "../../shared/format";
import type { FigureStore } from "./figure-store";
import { formatFigure } from "./format";
import { splitCellKey } from "./grid-model";

/** Which figure cell has the focus: the card holding it shows that figure's details. */
export class FocusedCell {
  private key: string | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = () => this.key;

  set(key: string | null): void {
    if (key === this.key) return;
    this.key = key;
    this.listeners.forEach((listener) => listener());
  }
}

/**
 * Under an indicator's table, for the cell being edited: who saved the figure and when,
 * its note, and a button to write one — so a clerk and a head see each other's work.
 */
export function CellDetails(props: {
  focus: FocusedCell;
  keys: ReadonlySet<string>;
  store: FigureStore;
  names: (key: string) => string;
  onNote: (key: string) => void;
}) {
  const { t, i18n } = useTranslation("workspace");
  const read = useCallback(() => {
    const key = props.focus.get();
    return key !== null && props.keys.has(key) ? key : null;
  }, [props.focus, props.keys]);
  const key = useSyncExternalStore(props.focus.subscribe, read);
  const subscribe = useCallback(
    (listener: () => void) => (key ? props.store.subscribe(key, listener) : () => undefined),
    [props.store, key],
  );
  const cell = useSyncExternalStore(subscribe, () => (key ? props.store.get(key) : null));
  if (!key || !cell) return null;
  const stored = cell.stored;
  const note = cell.noteDraft !== undefined ? cell.noteDraft : (stored?.note ?? null);
  const lang = formatLanguage(i18n.language);
  const { element, region } = splitCellKey(key);
  return (
    <div className="kp-cell-details" data-testid={`details-${element}-${region}`}>
      <strong>{props.names(key)}</strong>
      <span>
        {stored
          ? `${formatFigure(stored.value)} · ${t("grid.savedBy", {
              user: stored.updatedBy,
              time: formatDateTime(stored.updatedAt, lang),
            })}`
          : t("grid.notEntered")}
      </span>
      {note ? (
        <span>
          {t("grid.note")}：{note}
        </span>
      ) : null}
      <Button
        size="small"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => props.onNote(key)}
      >
        {t("grid.editNote")}
      </Button>
    </div>
  );
}
