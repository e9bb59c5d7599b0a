import { DatePicker, Form } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

export interface DeadlineValues {
  departmentsDue?: Dayjs | null;
  provinceDue?: Dayjs | null;
}

export const ISO_DAY = "YYYY-MM-DD";

/** The day as the API writes it, or undefined when none is chosen. */
export function isoDay(day: Dayjs | null | undefined): string | undefined {
  return day ? day.format(ISO_DAY) : undefined;
}

/**
 * The two deadlines of a year, with antd's date picker (its calendar follows the app's
 * language: zh-CN by default). Departments may not be due after the province; the
 * server says so too, this only spares a round trip.
 */
export function DeadlineFields({ required }: { required: boolean }) {
  const { t, i18n } = useTranslation("admin");
  const format = i18n.language === "en" ? ISO_DAY : "YYYY年M月D日";
  return (
    <>
      <Form.Item
        label={t("years.departmentsDue")}
        name="departmentsDue"
        rules={[{ required, message: t("years.dateRequired") }]}
      >
        <DatePicker format={format} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item
        label={t("years.provinceDue")}
        name="provinceDue"
        dependencies={["departmentsDue"]}
        rules={[
          { required, message: t("years.dateRequired") },
          ({ getFieldValue }) => ({
            validator: (_rule, value: Dayjs | null | undefined) => {
              const departments = getFieldValue("departmentsDue") as Dayjs | null | undefined;
              return value && departments && departments.isAfter(value, "day")
                ? Promise.reject(new Error(t("years.order")))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker format={format} style={{ width: 220 }} />
      </Form.Item>
    </>
  );
}
