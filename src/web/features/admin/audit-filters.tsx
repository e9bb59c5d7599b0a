import { Button, DatePicker, Form, Input, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { formatLanguage } from "../../shared/format";
import { actionLabel } from "./audit-labels";
import type { AuditFilters } from "./use-audit";

interface FilterValues {
  actor?: string;
  action?: string;
  object?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
}

function filtersOf(values: FilterValues): AuditFilters {
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    actor: text(values.actor),
    action: values.action || undefined,
    object: text(values.object),
    from: values.from?.format("YYYY-MM-DD"),
    to: values.to?.format("YYYY-MM-DD"),
  };
}

/** The log's filters: user, action, object and a range of days; Enter or 查询 applies them. */
export function AuditFilterForm({
  actions,
  onApply,
}: {
  actions: readonly string[];
  onApply: (filters: AuditFilters) => void;
}) {
  const { t, i18n } = useTranslation("admin");
  const lang = formatLanguage(i18n.language);
  const [form] = Form.useForm<FilterValues>();
  const dayFormat = lang === "en" ? "YYYY-MM-DD" : "YYYY年M月D日";

  return (
    <Form<FilterValues>
      form={form}
      name="audit-filters"
      layout="inline"
      initialValues={{ action: "" }}
      onFinish={(values) => onApply(filtersOf(values))}
      style={{ rowGap: 12, marginBottom: 16 }}
      aria-label={t("audit.filters")}
      role="search"
    >
      <Form.Item label={t("audit.actor")} name="actor">
        <Input allowClear autoComplete="off" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label={t("audit.action")} name="action">
        <Select
          transitionName=""
          showSearch={{ optionFilterProp: "label" }}
          style={{ width: 240 }}
          options={[
            { value: "", label: t("audit.anyAction") },
            ...actions.map((action) => ({
              value: action,
              label: `${actionLabel(action, lang)}（${action}）`,
            })),
          ]}
        />
      </Form.Item>
      <Form.Item label={t("audit.object")} name="object">
        <Input
          allowClear
          autoComplete="off"
          placeholder={t("audit.objectPlaceholder")}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item label={t("audit.from")} name="from">
        <DatePicker format={dayFormat} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t("audit.to")} name="to">
        <DatePicker format={dayFormat} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t("audit.search")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onApply({});
            }}
          >
            {t("audit.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
