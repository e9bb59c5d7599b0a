import { localized, type Localized } from "../../core";

/**
 * What an uploaded file is, decided from its bytes alone. The name and the Content-Type
 * the client sent are never trusted: both are whatever the sender chose, and a file
 * served back with a wrong type or extension is how a renamed program or page gets run.
 */
export type FileTypeVerdict =
  | {
      accepted: true;
      mimeType: string;
      /** Extensions that fit the content, the usual one first (lower case, with the dot). */
      extensions: readonly string[];
    }
  | {
      accepted: false;
      /** What the refused thing is, as a phrase: "a Windows executable program". */
      what: Localized;
      /**
       * Where inside the file the refused thing is: the entry names from the outer
       * archive inwards (["folder/inner.zip", "setup.exe"]); absent for the file itself.
       */
      entryPath?: readonly string[];
    };

export type Refusal = Extract<FileTypeVerdict, { accepted: false }>;

export const accept = (mimeType: string, ...extensions: string[]): FileTypeVerdict => ({
  accepted: true,
  mimeType,
  extensions,
});

export const refuse = (zh: string, en: string): Refusal => ({
  accepted: false,
  what: localized(zh, en),
});

export const refusal = (what: Localized): Refusal => ({ accepted: false, what });

/** The refusal of something found inside the archive entry `name`. */
export const insideEntry = (name: string, refused: Refusal): Refusal => ({
  accepted: false,
  what: refused.what,
  entryPath: [name, ...(refused.entryPath ?? [])],
});

export const macroDocument = refuse(
  "含宏的 Office 文档（请另存为不含宏的格式后再上传）",
  "an Office document with macros (save it without macros and upload again)",
);
