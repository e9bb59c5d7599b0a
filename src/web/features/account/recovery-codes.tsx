import { CopyOutlined, DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Space } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { recoveryCodesFileName, recoveryCodesText } from "./recovery-codes-text";

/**
 * The ten recovery codes, shown this once: a clear warning, copy and download buttons,
 * and a "kept them" check before the user may leave the step.
 */
export function RecoveryCodes({
  codes,
  account,
  doneLabel,
  onDone,
}: {
  codes: readonly string[];
  account: string;
  doneLabel: string;
  onDone: () => void;
}) {
  const { t } = useTranslation("account");
  const { message } = App.useApp();
  const [kept, setKept] = useState(false);
  const [madeAt] = useState(() => dayjs());

  const fileText = () =>
    recoveryCodesText(
      codes,
      t("twoFactor.codesFileHeader", { account, at: madeAt.format("YYYY-MM-DD HH:mm") }),
      t("twoFactor.codesFileNote"),
    );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      void message.success(t("twoFactor.copied"));
    } catch {
      void message.error(t("twoFactor.copyFailed"));
    }
  };

  const download = () => {
    const blob = new Blob([fileText()], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = recoveryCodesFileName(account, madeAt.format("YYYY-MM-DD"));
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-labelledby="recovery-codes-title" data-testid="recovery-codes">
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={<span id="recovery-codes-title">{t("twoFactor.codesTitle")}</span>}
        description={t("twoFactor.codesWarning")}
        style={{ marginBottom: 16 }}
      />
      <ol
        aria-label={t("twoFactor.codesLabel")}
        style={{
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))",
          gap: "8px 24px",
          maxWidth: 520,
          padding: "12px 16px 12px 40px",
          margin: "0 0 16px",
          background: "#fafafa",
          border: "1px solid #d9d9d9",
          borderRadius: 4,
          fontFamily: "ui-monospace, Menlo, Consolas, monospace",
          fontSize: 15,
        }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
          {t("twoFactor.copyCodes")}
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={download}>
          {t("twoFactor.downloadCodes")}
        </Button>
      </Space>
      <div style={{ marginBottom: 16 }}>
        <Checkbox checked={kept} onChange={(event) => setKept(event.target.checked)}>
          {t("twoFactor.savedCheck")}
        </Checkbox>
      </div>
      <Button type="primary" disabled={!kept} onClick={onDone} data-testid="recovery-codes-done">
        {doneLabel}
      </Button>
    </section>
  );
}
