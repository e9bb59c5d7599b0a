/**
 * Small inline icons for states that must never be told by colour alone: each sits
 * beside its word (保存中, 已保存, …). Decorative: the word carries the meaning.
 */
import type { ReactElement } from "react";

const box = { width: 12, height: 12, viewBox: "0 0 16 16", "aria-hidden": true } as const;

export function CheckIcon(): ReactElement {
  return (
    <svg {...box} fill="none" stroke="currentColor" strokeWidth="2.2">
      <path d="M2.5 8.5l3.5 3.5 7.5-8" />
    </svg>
  );
}

export function DotIcon(): ReactElement {
  return (
    <svg {...box} fill="currentColor">
      <circle cx="8" cy="8" r="4" />
    </svg>
  );
}

export function WarningIcon(): ReactElement {
  return (
    <svg {...box} fill="none" stroke="currentColor" strokeWidth="1.8">
      <path d="M8 1.8L15 14H1z" strokeLinejoin="round" />
      <path d="M8 6.2v3.8M8 11.6v.8" />
    </svg>
  );
}

export function SpinnerIcon(): ReactElement {
  return (
    <svg {...box} fill="none" stroke="currentColor" strokeWidth="2" className="kp-spin">
      <path d="M8 1.5a6.5 6.5 0 1 1-6.5 6.5" />
    </svg>
  );
}

export function ClockIcon(): ReactElement {
  return (
    <svg {...box} fill="none" stroke="currentColor" strokeWidth="1.6">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.5 1.8" />
    </svg>
  );
}

export function NoteIcon(): ReactElement {
  return (
    <svg {...box} fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M3 1.8h7l3 3v9.4H3z" strokeLinejoin="round" />
      <path d="M5.5 7h5M5.5 9.5h5M5.5 12h3" />
    </svg>
  );
}
