/** A message in both of Kaoping's languages; Simplified Chinese is the default. */
export interface Localized {
  zh: string;
  en: string;
}

export type Lang = keyof Localized;

export function localized(zh: string, en: string): Localized {
  return { zh, en };
}
