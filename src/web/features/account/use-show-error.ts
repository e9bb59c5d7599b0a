import { App } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";

/**
 * Shows a refused or failed call the way every screen does: a message with the server's
 * text (already in the user's language). A 401 is left to the session-expired dialog.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === 401) return;
        void message.error(error.status === 0 ? t("errors.network") : error.message);
        return;
      }
      void message.error(t("errors.generic", { message: String(error) }));
    },
    [message, t],
  );
}
