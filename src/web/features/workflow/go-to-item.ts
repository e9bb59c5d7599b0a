import type { ItemPlace } from "./item-target";

const WAIT_MS = 3000;

/**
 * Brings an item's card into view and puts the focus in it (on the figure's cell when
 * the place names one), once the tab that holds it has rendered: the caller has just
 * asked the router for that tab, so the card may appear a few frames later.
 */
export function revealItem(place: ItemPlace): void {
  const started = performance.now();
  const attempt = () => {
    const card = document.getElementById(place.cardId);
    if (!card) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
      return;
    }
    card.scrollIntoView({ block: "start" });
    const cell = place.cellTestId
      ? card.querySelector<HTMLElement>(
          `input[data-testid="${place.cellTestId}"], [data-testid="${place.cellTestId}"] input`,
        )
      : null;
    const target =
      cell ?? card.querySelector<HTMLElement>("input, textarea, button:not([disabled])");
    target?.focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}

/** The workspace path of the tab that holds the place, with the card as the hash. */
export const workspacePathOf = (place: ItemPlace) => `/workspace/${place.tab}#${place.cardId}`;
