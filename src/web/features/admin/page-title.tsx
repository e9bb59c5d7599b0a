import { Space, Typography } from "antd";
import type { ReactNode } from "react";
import { IllustrativeTag } from "../../shared/illustrative-tag";

/**
 * The page's one h1; pages that show the year's figures put the illustrative tag beside
 * it (demo data is marked on every page that shows it).
 */
export function PageTitle({
  children,
  extra,
  illustrative = false,
}: {
  children: ReactNode;
  extra?: ReactNode;
  illustrative?: boolean;
}) {
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        justifyContent: "space-between",
        flexWrap: "wrap",
        gap: 8,
        marginBottom: 16,
      }}
    >
      <Space align="center" wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {children}
        </Typography.Title>
        {illustrative && <IllustrativeTag />}
      </Space>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}
