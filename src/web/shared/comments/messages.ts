import { registerMessages } from "../../i18n/i18n";

/** Words of the comment thread on an indicator or work item. */
registerMessages("comments", {
  zh: {
    title: "意见与说明",
    empty: "暂无意见",
    label: "写下意见或说明",
    placeholder: "写下意见或说明（Ctrl+Enter 发送）",
    send: "发送",
    sent: "已发送",
    loadFailed: "意见加载失败：{{message}}",
    tooLong: "最多 2000 字",
  },
  en: {
    title: "Comments",
    empty: "No comments yet",
    label: "Write a comment",
    placeholder: "Write a comment (Ctrl+Enter to send)",
    send: "Send",
    sent: "Sent",
    loadFailed: "Comments could not be loaded: {{message}}",
    tooLong: "At most 2,000 characters",
  },
});
