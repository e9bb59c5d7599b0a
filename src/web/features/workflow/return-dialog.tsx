import { Form, Input, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentItems, ItemRef, ReturnBody } from "../../../contract/api";
import { api } from "../../api/client";
import { ApiProblem } from "./api-problem";
import { itemKey } from "./item-target";
import { departmentPath } from "./queries";
import "./messages";

const refOf = (key: string): ItemRef => {
  const colon = key.indexOf(":");
  return { kind: key.slice(0, colon) as ItemRef["kind"], code: key.slice(colon + 1) };
};

/**
 * The office sends a department's materials back: the items to correct (its indicators
 * and work items), a reason for each; at least one.
 */
export function ReturnDialog(props: {
  year: number;
  department: string;
  departmentName: string;
  items: Pick<DepartmentItems, "indicators" | "workItems">;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation("workflow");
  const [picked, setPicked] = useState<string[]>([]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [tried, setTried] = useState(false);

  const options = [
    ...props.items.indicators.map((item) => ({
      value: itemKey({ kind: "indicator", code: item.code }),
      label: `${t("kind.indicator")} · ${item.code} ${item.name}`,
    })),
    ...props.items.workItems.map((item) => ({
      value: itemKey({ kind: "workItem", code: item.code }),
      label: `${t("kind.workItem")} · ${item.code} ${item.name}`,
    })),
  ];
  const labelOf = (key: string) => options.find((option) => option.value === key)?.label ?? key;
  const missing = picked.filter((key) => (reasons[key] ?? "").trim() === "");
  const valid = picked.length > 0 && missing.length === 0;

  const send = async () => {
    setTried(true);
    if (!valid) return;
    setSending(true);
    setProblem(null);
    const body: ReturnBody = {
      reasons: picked.map((key) => ({ item: refOf(key), reason: reasons[key]!.trim() })),
    };
    try {
      await api.post(`${departmentPath(props.year, props.department)}/return`, body);
      await props.onDone();
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t("review.returnTitle", { department: props.departmentName })}
      okText={t("review.returnSend")}
      cancelText={t("submit.cancel")}
      okButtonProps={{ danger: true, loading: sending, "data-testid": "return-send" } as object}
      onOk={() => void send()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <div data-testid="return-dialog">
        <Typography.Paragraph>{t("review.returnIntro")}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item
            label={t("review.pickItems")}
            htmlFor="return-items"
            validateStatus={tried && picked.length === 0 ? "error" : undefined}
            help={tried && picked.length === 0 ? t("review.itemsRequired") : undefined}
          >
            <Select
              id="return-items"
              mode="multiple"
              options={options}
              value={picked}
              onChange={setPicked}
              showSearch={{ optionFilterProp: "label" }}
              data-testid="return-items"
            />
          </Form.Item>
          {picked.map((key) => {
            const id = `return-reason-${key.replace(/[^\w-]/g, "_")}`;
            const empty = tried && (reasons[key] ?? "").trim() === "";
            return (
              <Form.Item
                key={key}
                label={t("review.reasonFor", { item: labelOf(key) })}
                htmlFor={id}
                validateStatus={empty ? "error" : undefined}
                help={empty ? t("review.reasonRequired") : undefined}
              >
                <Input.TextArea
                  id={id}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  maxLength={1000}
                  value={reasons[key] ?? ""}
                  onChange={(event) => setReasons((all) => ({ ...all, [key]: event.target.value }))}
                  data-testid={`return-reason-${key}`}
                />
              </Form.Item>
            );
          })}
        </Form>
        <ApiProblem error={problem} title={(text) => t("review.failed", { message: text })} />
      </div>
    </Modal>
  );
}
