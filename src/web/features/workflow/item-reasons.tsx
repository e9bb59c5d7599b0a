import { Alert } from "antd";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ItemRef } from "../../../contract/api";
import { itemKey } from "./item-target";
import "./messages";

/** The office's open reasons by item (`kind:code`), for the cards of the workspace. */
const ReasonsContext = createContext<ReadonlyMap<string, string[]>>(new Map());

export function ReturnReasonsProvider({
  reasons,
  children,
}: {
  reasons: ReadonlyMap<string, string[]>;
  children: ReactNode;
}) {
  return <ReasonsContext.Provider value={reasons}>{children}</ReasonsContext.Provider>;
}

/** On an item's card while the department is returned: what the office asks to correct. */
export function ItemReasons({ kind, code }: ItemRef) {
  const { t } = useTranslation("workflow");
  const reasons = useContext(ReasonsContext).get(itemKey({ kind, code }));
  if (!reasons || reasons.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="kp-notice"
      data-testid={`reason-${kind}-${code}`}
      title={t("reasons.item")}
      description={
        reasons.length === 1 ? (
          reasons[0]
        ) : (
          <ul className="kp-reason-list">
            {reasons.map((reason, index) => (
              <li key={index}>{reason}</li>
            ))}
          </ul>
        )
      }
    />
  );
}
