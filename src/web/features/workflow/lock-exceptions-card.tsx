import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExceptionBody, LockException } from "../../../contract/api";
import { api } from "../../api/client";
import { useMe } from "../../auth/use-me";
import { formatDate, formatDateTime, formatLanguage } from "../../shared/format";
import { useYear } from "../../shared/year-context";
import { StatusTag } from "../admin/status-tag";
import { useFramework } from "../office/queries";
import { ApiProblem, errorMessage } from "./api-problem";
import { useLockExceptions, useRefreshAfterStep } from "./queries";
import "./messages";

function GrantModal(props: {
  year: number;
  departments: { code: string; name: string }[];
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation("workflow");
  const [form] = Form.useForm<{ department: string; until: Dayjs; reason: string }>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const send = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body: ExceptionBody = {
      department: values.department,
      until: values.until.format("YYYY-MM-DD"),
      reason: values.reason.trim(),
    };
    setSending(true);
    setProblem(null);
    try {
      await api.post(`/api/cycles/${props.year}/lock-exceptions`, body);
      await props.onDone();
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t("exceptions.required") }];
  return (
    <Modal
      open
      title={t("exceptions.grantTitle")}
      okText={t("exceptions.grantSend")}
      cancelText={t("submit.cancel")}
      okButtonProps={{ loading: sending, "data-testid": "exception-send" } as object}
      onOk={() => void send()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="exception-form">
        <Form.Item
          name="department"
          label={t("exceptions.department")}
          rules={[{ required: true, message: t("exceptions.required") }]}
        >
          <Select
            options={props.departments.map((entry) => ({ value: entry.code, label: entry.name }))}
            showSearch={{ optionFilterProp: "label" }}
          />
        </Form.Item>
        <Form.Item
          name="until"
          label={t("exceptions.until")}
          rules={[{ required: true, message: t("exceptions.required") }]}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="reason" label={t("exceptions.reason")} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
      <ApiProblem error={problem} title={(text) => t("exceptions.failed", { message: text })} />
    </Modal>
  );
}

/**
 * The year's lock exceptions (after the departments' deadline, a department may keep
 * writing until a day the office names): the list for the city's roles, granting and
 * revoking for the office.
 */
export function LockExceptionsCard() {
  const { t, i18n } = useTranslation("workflow");
  const lang = formatLanguage(i18n.language);
  const { message, modal } = App.useApp();
  const { year } = useYear();
  const me = useMe();
  const exceptions = useLockExceptions(year);
  const framework = useFramework(year);
  const refresh = useRefreshAfterStep();
  const [granting, setGranting] = useState(false);
  const isOffice = me.data?.user.role === "office";
  const departments = framework.data?.departments ?? [];
  const nameOf = (code: string) => departments.find((entry) => entry.code === code)?.name ?? code;

  const revoke = (exception: LockException) =>
    modal.confirm({
      title: t("exceptions.revoke"),
      content: t("exceptions.revokeConfirm", {
        department: nameOf(exception.department),
        until: formatDate(exception.until, lang),
      }),
      okText: t("exceptions.revoke"),
      cancelText: t("submit.cancel"),
      onOk: async () => {
        try {
          await api.delete(
            `/api/cycles/${year}/lock-exceptions/${encodeURIComponent(exception.id)}`,
          );
          await refresh(year!);
          void message.success(t("exceptions.revoked_done"));
        } catch (error) {
          void message.error(t("exceptions.failed", { message: errorMessage(error) }));
        }
      },
    });

  const columns: TableColumnsType<LockException> = [
    {
      title: t("exceptions.department"),
      dataIndex: "department",
      render: (code: string) => nameOf(code),
    },
    {
      title: t("exceptions.until"),
      dataIndex: "until",
      render: (day: string) => formatDate(day, lang),
    },
    { title: t("exceptions.reason"), dataIndex: "reason" },
    {
      title: t("exceptions.granted"),
      key: "granted",
      render: (_value, row) => (
        <div>
          <div>{row.grantedBy.displayName ?? row.grantedBy.username}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(row.grantedAt, lang)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t("exceptions.status"),
      key: "status",
      render: (_value, row) =>
        row.revokedAt ? (
          <StatusTag tone="plain">{t("exceptions.revoked")}</StatusTag>
        ) : row.active ? (
          <StatusTag tone="good">{t("exceptions.active")}</StatusTag>
        ) : (
          <StatusTag tone="plain">{t("exceptions.inactive")}</StatusTag>
        ),
    },
    ...(isOffice
      ? [
          {
            title: t("exceptions.actions"),
            key: "actions",
            render: (_value: unknown, row: LockException) =>
              row.revokedAt ? null : (
                <Button
                  size="small"
                  aria-label={t("exceptions.revokeLabel", { department: nameOf(row.department) })}
                  onClick={() => revoke(row)}
                >
                  {t("exceptions.revoke")}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t("exceptions.title")}
          {year !== null ? ` · ${year}` : ""}
        </Typography.Title>
      }
      extra={
        isOffice && year !== null ? (
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setGranting(true)}
            data-testid="grant-exception"
          >
            {t("exceptions.grant")}
          </Button>
        ) : null
      }
      style={{ marginTop: 16 }}
      data-testid="lock-exceptions"
    >
      <Typography.Paragraph style={{ color: "#595959", maxWidth: 900 }}>
        {t("exceptions.intro")}
      </Typography.Paragraph>
      {year === null ? (
        <Typography.Paragraph>{t("exceptions.noYear")}</Typography.Paragraph>
      ) : (
        <>
          {exceptions.isError ? (
            <Typography.Paragraph type="danger">
              {t("exceptions.failed", { message: errorMessage(exceptions.error) })}
            </Typography.Paragraph>
          ) : null}
          <Table<LockException>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={exceptions.data?.exceptions ?? []}
            loading={exceptions.isPending}
            pagination={false}
            // antd's empty text is too light for AA; the words in the readable grey.
            locale={{
              emptyText: <span style={{ color: "#595959" }}>{t("exceptions.empty")}</span>,
            }}
            scroll={{ x: 800 }}
          />
        </>
      )}
      {granting && year !== null ? (
        <GrantModal
          year={year}
          departments={departments}
          onClose={() => setGranting(false)}
          onDone={async () => {
            setGranting(false);
            await refresh(year);
            void message.success(t("exceptions.granted_done"));
          }}
        />
      ) : null}
    </Card>
  );
}
