import { InboxOutlined } from "@ant-design/icons";
import { Upload } from "antd";
import { useTranslation } from "react-i18next";

/**
 * Choosing (or dropping) one framework file; it is sent at once. The file never goes
 * through antd's own upload: onFile hands it to the page, which posts it with the
 * session's CSRF token like every other call.
 */
export function FrameworkUpload({ busy, onFile }: { busy: boolean; onFile: (file: File) => void }) {
  const { t } = useTranslation("admin");
  return (
    <div data-testid="framework-upload">
      <Upload.Dragger
        accept=".yaml,.yml,.json"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          onFile(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{busy ? t("frameworks.importing") : t("frameworks.drop")}</p>
        <p className="ant-upload-hint" style={{ color: "#595959" }}>
          {t("frameworks.dropHint")}
        </p>
      </Upload.Dragger>
    </div>
  );
}
