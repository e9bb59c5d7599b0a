import { Space, Typography } from "antd";
import type { ReactNode } from "react";
import { IllustrativeTag } from "../../shared/illustrative-tag";

/** The page's one h1, with the illustrative tag beside it when the year is demo data. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Space align="center" wrap style={{ marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {children}
      </Typography.Title>
      <IllustrativeTag />
      {extra}
    </Space>
  );
}
