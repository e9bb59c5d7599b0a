import { App, Form, Modal } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { CycleDetail, CycleSummary, DeadlinesBody } from "../../../contract/api";
import { api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import { fieldErrorsOf } from "../account/field-errors";
import { useShowError } from "../account/use-show-error";
import { DeadlineFields, isoDay, type DeadlineValues } from "./deadline-fields";

const FORM_ID = "deadlines-form";

/** Moving a year's deadlines (PATCH /api/cycles/:year); only what changed is sent. */
export function DeadlinesModal({ cycle, onClose }: { cycle: CycleSummary; onClose: () => void }) {
  const { t } = useTranslation(["admin", "common"]);
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeadlineValues>();
  const save = useMutation({
    mutationFn: (body: DeadlinesBody) => api.patch<CycleDetail>(`/api/cycles/${cycle.year}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.cycle(cycle.year), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.cycles, exact: true });
      void message.success(t("years.saved", { year: cycle.year }));
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error, ["departmentsDue", "provinceDue"] as const);
      if (fields) form.setFields(fields);
      else showError(error);
    },
  });

  const submit = (values: DeadlineValues) => {
    const body: DeadlinesBody = {};
    const departmentsDue = isoDay(values.departmentsDue);
    const provinceDue = isoDay(values.provinceDue);
    if (departmentsDue && departmentsDue !== cycle.departmentsDue)
      body.departmentsDue = departmentsDue;
    if (provinceDue && provinceDue !== cycle.provinceDue) body.provinceDue = provinceDue;
    if (Object.keys(body).length === 0) onClose();
    else save.mutate(body);
  };

  return (
    <Modal
      open
      title={t("years.deadlinesTitle", { year: cycle.year })}
      onCancel={onClose}
      okText={t("common:save")}
      cancelText={t("common:cancel")}
      okButtonProps={{ htmlType: "submit", form: FORM_ID, loading: save.isPending }}
    >
      <Form<DeadlineValues>
        form={form}
        name={FORM_ID}
        layout="vertical"
        initialValues={{
          departmentsDue: dayjs(cycle.departmentsDue),
          provinceDue: dayjs(cycle.provinceDue),
        }}
        onFinish={submit}
      >
        <DeadlineFields required />
      </Form>
    </Modal>
  );
}
