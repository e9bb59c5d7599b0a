/**
 * i18next set up for the app: Simplified Chinese first, English as a switch. Each
 * feature folder registers its own messages (registerMessages) next to its pages, so
 * the words of a screen live with the screen.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { commonMessages } from "./common-messages";

export type AppLanguage = "zh-CN" | "en";
const STORAGE_KEY = "kaoping.lang";

export function storedLanguage(): AppLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: "zh-CN",
  defaultNS: "common",
  ns: ["common"],
  resources: {
    "zh-CN": { common: commonMessages.zh },
    en: { common: commonMessages.en },
  },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Adds a feature's messages under its own namespace. */
export function registerMessages(
  namespace: string,
  messages: { zh: Record<string, unknown>; en: Record<string, unknown> },
): void {
  i18n.addResourceBundle("zh-CN", namespace, messages.zh, true, true);
  i18n.addResourceBundle("en", namespace, messages.en, true, true);
}

export function changeLanguage(language: AppLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

export default i18n;
