import type { FormatLanguage } from "../../shared/format";

/**
 * Readable names of the audit log's action and object kinds. The log keeps the stable
 * codes (value.set, user.create, …); a code this list does not know is shown as it is,
 * so a new kind of action is never hidden.
 */
const ACTIONS: Record<string, { zh: string; en: string }> = {
  "auth.login": { zh: "登录", en: "Sign-in" },
  "auth.login_failed": { zh: "登录失败", en: "Failed sign-in" },
  "auth.password_accepted": {
    zh: "密码已验证（待动态验证码）",
    en: "Password accepted (code next)",
  },
  "auth.second_factor_failed": { zh: "动态验证码错误", en: "Wrong one-time code" },
  "auth.recovery_code_used": { zh: "使用恢复码登录", en: "Recovery code used" },
  "auth.logout": { zh: "退出登录", en: "Sign-out" },
  "auth.password_change": { zh: "修改密码", en: "Password changed" },
  "auth.password_change_failed": { zh: "修改密码失败", en: "Password change refused" },
  "auth.2fa_setup": { zh: "开始设置双因素登录", en: "Two-factor set-up started" },
  "auth.2fa_enabled": { zh: "开启双因素登录", en: "Two-factor turned on" },
  "auth.2fa_confirm_failed": { zh: "双因素登录确认失败", en: "Two-factor confirmation failed" },
  "user.create": { zh: "新建用户", en: "User created" },
  "user.update": { zh: "修改用户", en: "User changed" },
  "user.disable": { zh: "停用用户", en: "User disabled" },
  "user.reset_password": { zh: "重置密码", en: "Password reset" },
  "user.unlock": { zh: "解除登录暂停", en: "Sign-in pause lifted" },
  "user.reset_2fa": { zh: "重置双因素登录", en: "Two-factor reset" },
  "value.set": { zh: "填报数据", en: "Figure saved" },
  "value.clear": { zh: "清除数据", en: "Figure cleared" },
  "work.set": { zh: "填报工作测评", en: "Work answer saved" },
  "evidence.add": { zh: "上传佐证材料", en: "Evidence added" },
  "evidence.remove": { zh: "删除佐证材料", en: "Evidence removed" },
  "comment.add": { zh: "添加意见", en: "Comment added" },
  "framework.import": { zh: "导入考评办法", en: "Framework imported" },
  "cycle.create": { zh: "开启考评年度", en: "Year opened" },
  "cycle.deadlines": { zh: "调整截止日期", en: "Deadlines moved" },
  "cycle.aggregate": { zh: "年度汇总", en: "Year aggregated" },
  "cycle.reopen": { zh: "重新开放年度", en: "Year reopened" },
  "submission.submit": { zh: "审核并报送", en: "Certified and submitted" },
  "submission.return": { zh: "退回修改", en: "Returned" },
  "submission.accept": { zh: "接收报送", en: "Accepted" },
  "submission.reopen": { zh: "重新开放报送", en: "Hand-in reopened" },
  "lock.exception.grant": { zh: "准予延期（锁定例外）", en: "Lock exception granted" },
  "lock.exception.revoke": { zh: "撤销延期", en: "Lock exception revoked" },
  "narrative.save": { zh: "保存报告文字", en: "Report text saved" },
  "template.import": { zh: "导入填报模板", en: "Template imported" },
  "document.volume": { zh: "生成资料汇编", en: "Bound volume built" },
  "document.package": { zh: "生成报省材料包", en: "Province package built" },
};

const OBJECTS: Record<string, { zh: string; en: string }> = {
  user: { zh: "用户", en: "User" },
  cycle: { zh: "年度", en: "Year" },
  data_value: { zh: "数据", en: "Figure" },
  work_answer: { zh: "工作测评", en: "Work answer" },
  evidence: { zh: "佐证材料", en: "Evidence" },
  framework: { zh: "考评办法", en: "Framework" },
  comment: { zh: "意见", en: "Comment" },
  submission: { zh: "报送", en: "Hand-in" },
  lock_exception: { zh: "锁定例外", en: "Lock exception" },
  narrative: { zh: "报告文字", en: "Report text" },
  document: { zh: "考评文书", en: "Document" },
  template: { zh: "填报模板", en: "Template" },
};

export function actionLabel(action: string, lang: FormatLanguage): string {
  const known = ACTIONS[action];
  return known ? known[lang] : action;
}

export function objectTypeLabel(objectType: string, lang: FormatLanguage): string {
  const known = OBJECTS[objectType];
  return known ? known[lang] : objectType;
}
