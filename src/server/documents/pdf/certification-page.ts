import type { PageWriter } from "./page-writer";
import type { VolumeCertification } from "./volume-input";

const STATE_NAMES: Record<string, string> = {
  draft: "填报中",
  submitted: "已提交",
  returned: "已退回",
  accepted: "已审核",
  open: "填报中",
  aggregated: "已汇总",
  closed: "已结束",
};

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An ISO instant as Beijing time: "2026年3月9日 14:05" (China keeps UTC+8 all year). */
export function beijingDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const local = new Date(ms + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
  );
}

export const ANCHOR_SENTENCE =
  "本页打印的审计链头（序号和哈希）把审计记录锚定在数据库之外：此后对此前任何审计记录的改动、删除或重排，都会与本页所载的链头不符。";

/**
 * Set smaller than the report's body (仿宋 3号), as a form is: the page must hold the whole
 * declaration, the digest and the chain's head, so the volume's last page is this one.
 */
const BODY_SIZE = 12;
const BODY_LEADING = 21;
const DIGEST_SIZE = 10;

/**
 * 报送确认: the declaration, who made it and when (Beijing time), the SM3 digest of the
 * certified snapshot and the audit chain's head at that moment — or, when nothing was
 * certified yet, a page that says so.
 */
export function drawCertification(
  writer: PageWriter,
  certification: VolumeCertification | null,
): void {
  const { regular, bold } = writer.fonts;
  const body = { font: regular, size: BODY_SIZE, leading: BODY_LEADING };
  const field = (label: string, value: string, size = BODY_SIZE) => {
    writer.paragraph(label, { ...body, font: bold });
    writer.paragraph(value, { ...body, size, indent: 2 * BODY_SIZE });
  };
  if (certification === null) {
    writer.paragraph("尚未报送确认", { ...body, font: bold, align: "center" });
    writer.paragraph(
      "本资料汇编生成时，相关数据尚未经责任领导报送确认（或考评办尚未汇总），本册内容仅供核对，不作为正式报送材料。",
      body,
      2 * BODY_SIZE,
    );
    return;
  }
  field("确认声明", certification.declaration || "（未填写）");
  field("责任领导", certification.signedBy);
  field("确认时间（北京时间）", beijingDateTime(certification.signedAt));
  field("状态", STATE_NAMES[certification.state] ?? certification.state);
  // 64 hex digits on one line of the text block, so a reader can compare them at a glance.
  field("确认快照 SM3 摘要", certification.snapshotDigest, DIGEST_SIZE);
  field(
    "审计链头",
    certification.auditHead
      ? `序号 ${certification.auditHead.seq}，哈希 ${certification.auditHead.hash}`
      : "（未找到对应的审计记录）",
    DIGEST_SIZE,
  );
  writer.gap(BODY_LEADING / 2);
  writer.paragraph(ANCHOR_SENTENCE, body, 2 * BODY_SIZE);
}
