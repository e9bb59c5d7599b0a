import type { ReactNode } from "react";

/** A card's title as a real h2 (the page's h1 comes first), sized like antd's card title. */
export function CardHeading({ children }: { children: ReactNode }) {
  return <h2 style={{ margin: 0, fontSize: 16, fontWeight: 600, lineHeight: 1.5 }}>{children}</h2>;
}
