import type { ReactNode } from "react";

/**
 * A field's help text in a colour with AA contrast on white (antd's description grey,
 * #00000073, does not reach 4.5:1).
 */
export function Hint({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <span id={id} style={{ color: "#595959" }}>
      {children}
    </span>
  );
}
