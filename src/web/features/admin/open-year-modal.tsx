import { Alert, App, Form, InputNumber, Modal, Select, Typography } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type {
  CycleDetail,
  CycleSummary,
  FrameworkList,
  OpenCycleBody,
} from "../../../contract/api";
import { api, ApiError } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { fieldErrorsOf } from "../account/field-errors";
import { useShowError } from "../account/use-show-error";
import { DeadlineFields, isoDay, type DeadlineValues } from "./deadline-fields";
import { suggestedFramework } from "./suggested-framework";

interface OpenYearValues extends DeadlineValues {
  year: number;
  frameworkId: string;
}

const FORM_ID = "open-year-form";

/**
 * Opening an evaluation year pinned to a framework version (POST /api/cycles). Regions
 * are copied by the server from the closest year; deadlines default to the plan's.
 */
export function OpenYearModal({
  cycles,
  onClose,
  onOpened,
}: {
  cycles: readonly CycleSummary[];
  onClose: () => void;
  onOpened: (year: number) => void;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OpenYearValues>();
  const frameworks = useQuery({
    queryKey: queryKeys.frameworks,
    queryFn: () => api.get<FrameworkList>("/api/frameworks"),
  });
  const list = frameworks.data?.frameworks ?? [];
  const newest = cycles.reduce((max, cycle) => Math.max(max, cycle.year), 0);
  const suggested = suggestedFramework(list, cycles);

  // The list arrives after the form is shown: offer the likely version unless one is chosen.
  useEffect(() => {
    if (suggested && !form.getFieldValue("frameworkId"))
      form.setFieldValue("frameworkId", suggested.id);
  }, [suggested, form]);

  const open = useMutation({
    mutationFn: (body: OpenCycleBody) => api.post<CycleDetail>("/api/cycles", body),
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.cycles, exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.frameworks });
      void message.success(t("years.opened", { year: detail.year }));
      onOpened(detail.year);
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error, ["year", "frameworkId", "departmentsDue", "provinceDue"]);
      if (fields) form.setFields(fields);
      else if (error instanceof ApiError && error.status === 409)
        form.setFields([{ name: "year", errors: [error.message] }]);
      else if (error instanceof ApiError && error.status === 404)
        form.setFields([{ name: "frameworkId", errors: [error.message] }]);
      else showError(error);
    },
  });

  const submit = (values: OpenYearValues) => {
    const departmentsDue = isoDay(values.departmentsDue);
    const provinceDue = isoDay(values.provinceDue);
    open.mutate({
      year: values.year,
      frameworkId: values.frameworkId,
      ...(departmentsDue ? { departmentsDue } : {}),
      ...(provinceDue ? { provinceDue } : {}),
    });
  };

  return (
    <Modal
      open
      title={t("years.openTitle")}
      onCancel={onClose}
      okText={t("years.submitOpen")}
      cancelText={t("common:cancel")}
      okButtonProps={{
        htmlType: "submit",
        form: FORM_ID,
        loading: open.isPending,
        disabled: frameworks.isSuccess && list.length === 0,
      }}
    >
      {frameworks.isSuccess && list.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("years.noFrameworks")}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<OpenYearValues>
        form={form}
        name={FORM_ID}
        layout="vertical"
        requiredMark
        initialValues={{
          year: newest > 0 ? newest + 1 : new Date().getFullYear(),
        }}
        onFinish={submit}
      >
        <Form.Item
          label={t("years.year")}
          name="year"
          rules={[{ required: true, message: t("years.yearRequired") }]}
        >
          <InputNumber min={1990} max={2200} precision={0} autoFocus style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          label={t("years.framework")}
          name="frameworkId"
          rules={[{ required: true, message: t("years.frameworkRequired") }]}
        >
          <Select
            loading={frameworks.isPending}
            options={list.map((framework) => ({
              value: framework.id,
              label: t("years.frameworkOption", {
                name: framework.name,
                code: framework.code,
                version: framework.version,
              }),
            }))}
          />
        </Form.Item>
        <DeadlineFields required={false} />
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t("years.defaultsNote")} {t("years.regionsNote")}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
