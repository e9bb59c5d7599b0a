import { CheckCircleFilled, CloseCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { passwordChecks } from "./password-checks";
import { visuallyHiddenStyle as visuallyHidden } from "../../shared/visually-hidden";

/** The policy as a live checklist under the new-password field: icon and words, not colour alone. */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation("account");
  return (
    <div id="password-rules" style={{ color: "#595959" }}>
      <div>{t("password.rulesTitle")}</div>
      <ul style={{ listStyle: "none", margin: "4px 0", padding: 0 }}>
        {passwordChecks(password, username).map((check) => (
          <li key={check.key} data-met={check.met}>
            {check.met ? (
              <CheckCircleFilled style={{ color: "#237804" }} aria-hidden />
            ) : (
              <CloseCircleOutlined style={{ color: "#595959" }} aria-hidden />
            )}{" "}
            {t(`password.rules.${check.key}`)}
            <span style={visuallyHidden}>
              （{check.met ? t("password.ruleMet") : t("password.ruleUnmet")}）
            </span>
          </li>
        ))}
      </ul>
      <div>{t("password.commonHint")}</div>
    </div>
  );
}
