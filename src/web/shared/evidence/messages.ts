import { registerMessages } from "../../i18n/i18n";

/** Words of the evidence panel (shared by the department workspace and the office review). */
registerMessages("evidence", {
  zh: {
    title: "佐证材料",
    empty: "尚未上传佐证材料",
    uploadHint: "将文件拖到此处，或点击选择文件上传",
    uploadTypes:
      "可上传 PDF、图片、Word/Excel/PowerPoint、OpenDocument 或 ZIP；含宏的文档和含程序的压缩包会被拒绝",
    uploading: "正在上传 {{name}}",
    uploaded: "已上传 {{name}}",
    uploadFailed: "{{name}} 上传失败",
    tooLarge: "文件太大：{{message}}",
    typeRefused: "文件类型不被接受：{{message}}",
    preview: "预览",
    previewOf: "预览：{{name}}",
    download: "下载",
    remove: "删除",
    removeConfirm: "确定删除“{{name}}”吗？",
    removed: "已删除 {{name}}",
    uploadedBy: "{{user}} 上传于 {{time}}",
    noPreview: "此类文件无法在页面中预览，请下载查看。",
    dismiss: "关闭提示",
    files: "{{count}} 个文件",
  },
  en: {
    title: "Evidence",
    empty: "No evidence uploaded yet",
    uploadHint: "Drop files here, or click to choose a file to upload",
    uploadTypes:
      "PDF, images, Word/Excel/PowerPoint, OpenDocument or ZIP; documents with macros and archives holding programs are refused",
    uploading: "Uploading {{name}}",
    uploaded: "Uploaded {{name}}",
    uploadFailed: "{{name}} was not uploaded",
    tooLarge: "File too large: {{message}}",
    typeRefused: "File type refused: {{message}}",
    preview: "Preview",
    previewOf: "Preview: {{name}}",
    download: "Download",
    remove: "Delete",
    removeConfirm: "Delete “{{name}}”?",
    removed: "Deleted {{name}}",
    uploadedBy: "uploaded by {{user}} on {{time}}",
    noPreview: "This kind of file cannot be shown in the page; download it to view.",
    dismiss: "Dismiss",
    files: "{{count}} files",
  },
});
