import { localized, type Localized } from "../../core";

/**
 * Programs and scripts, recognised by their first bytes or by their name. Inside an
 * archive both count: the bytes say what a file is, the name says what a double click
 * will do with it (a .js or .bat is plain text, and Windows runs it).
 */

const WINDOWS_PROGRAM = localized("Windows 可执行程序", "a Windows executable program");
const LINUX_PROGRAM = localized("Linux 可执行程序", "a Linux executable program");
const MAC_PROGRAM = localized("macOS 可执行程序", "a macOS executable program");
const JAVA_OR_MAC = localized(
  "Java 程序或 macOS 可执行程序",
  "a Java class or macOS universal program",
);
const SCRIPT = localized("脚本文件", "a script");
const SHORTCUT = localized("Windows 快捷方式", "a Windows shortcut");
const ANDROID_PROGRAM = localized("安卓程序", "an Android program");

const startsWith = (head: Uint8Array, signature: readonly number[]) =>
  signature.length <= head.length && signature.every((byte, index) => head[index] === byte);
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

const SIGNATURES: [readonly number[], Localized][] = [
  [ascii("MZ"), WINDOWS_PROGRAM],
  [[0x7f, ...ascii("ELF")], LINUX_PROGRAM],
  [[0xfe, 0xed, 0xfa, 0xce], MAC_PROGRAM],
  [[0xfe, 0xed, 0xfa, 0xcf], MAC_PROGRAM],
  [[0xce, 0xfa, 0xed, 0xfe], MAC_PROGRAM],
  [[0xcf, 0xfa, 0xed, 0xfe], MAC_PROGRAM],
  // Java class files and macOS universal binaries share this signature.
  [[0xca, 0xfe, 0xba, 0xbe], JAVA_OR_MAC],
  [ascii("#!"), SCRIPT],
  [[0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], SHORTCUT],
  [ascii("dex\n"), ANDROID_PROGRAM],
];

/** What a program or script is, from its first bytes; undefined for anything else. */
export function executableByContent(head: Uint8Array): Localized | undefined {
  return SIGNATURES.find(([signature]) => startsWith(head, signature))?.[1];
}

const BY_EXTENSION: [Localized, string[]][] = [
  [WINDOWS_PROGRAM, ["exe", "dll", "com", "scr", "pif", "cpl", "sys", "ocx", "drv", "efi"]],
  [
    localized("Windows 安装包", "a Windows installer"),
    ["msi", "msp", "mst", "msix", "msixbundle", "appx", "appxbundle", "appref-ms", "application"],
  ],
  [
    SCRIPT,
    [
      ...["bat", "cmd", "ps1", "psm1", "psd1", "ps1xml", "vbs", "vbe", "js", "jse", "mjs"],
      ...["wsf", "wsh", "ws", "wsc", "sct", "hta", "msc", "sh", "bash", "zsh", "csh", "ksh"],
      ...["command", "py", "pyw", "pyc", "pl", "rb", "php", "lua", "applescript", "scpt"],
    ],
  ],
  [
    localized("Windows 快捷方式或系统设置文件", "a Windows shortcut or system settings file"),
    ["lnk", "url", "scf", "reg", "inf", "settingcontent-ms", "library-ms", "search-ms"],
  ],
  [
    localized("Java 或安卓程序", "a Java or Android program"),
    ["jar", "class", "jnlp", "apk", "xapk", "apks", "aab", "dex"],
  ],
  [
    localized("安装包或可执行程序", "an installer or executable program"),
    ["deb", "rpm", "run", "appimage", "dmg", "pkg", "mpkg", "elf", "ipa"],
  ],
  [
    localized("含宏的 Office 文档", "an Office document with macros"),
    ["docm", "dotm", "xlsm", "xltm", "xlam", "xla", "xlm", "pptm", "potm", "ppsm", "ppam", "sldm"],
  ],
];

const KIND_OF_EXTENSION = new Map(
  BY_EXTENSION.flatMap(([kind, extensions]) => extensions.map((ext) => [ext, kind] as const)),
);

/**
 * What a file is by its name's extension, when that names a program, script, shortcut
 * or macro document. Windows ignores trailing dots and spaces ("setup.exe. " runs).
 */
export function executableByName(path: string): Localized | undefined {
  const name = (path.split(/[\\/]/).pop() ?? "").replace(/[. ]+$/, "");
  const dot = name.lastIndexOf(".");
  if (dot < 0) return undefined;
  const kind = KIND_OF_EXTENSION.get(name.slice(dot + 1).toLowerCase());
  return kind && withExtension(kind, name.slice(dot).toLowerCase());
}

const withExtension = (kind: Localized, extension: string) =>
  localized(`${kind.zh}（扩展名 ${extension}）`, `${kind.en} (by its extension ${extension})`);
