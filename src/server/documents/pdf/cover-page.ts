import { rgb } from "pdf-lib";
import { BODY_LEADING, BODY_SIZE, TEXT_BLOCK, textWidth, type PageWriter } from "./page-writer";

const TITLE_SIZE = 26;
const TITLE_LEADING = 44;
const LABEL_SIZE = 20;
const LABEL_COLOUR = rgb(0.75, 0.1, 0.1);

/** The cover: the volume's title a third down the page, the unit and date, and "示例" for demo data. */
export function drawCover(
  writer: PageWriter,
  title: string,
  subtitle: string,
  illustrative: boolean,
): void {
  const { regular, bold } = writer.fonts;
  writer.newPage();
  writer.consume((TEXT_BLOCK.top - TEXT_BLOCK.bottom) / 4);
  writer.paragraph(title, {
    font: bold,
    size: TITLE_SIZE,
    leading: TITLE_LEADING,
    align: "center",
  });
  writer.gap(2 * BODY_LEADING);
  writer.paragraph(subtitle, {
    font: regular,
    size: BODY_SIZE,
    leading: BODY_LEADING,
    align: "center",
  });
  if (illustrative) {
    writer.gap(2 * BODY_LEADING);
    const label = "示例（illustrative）";
    const width = textWidth(bold, label, LABEL_SIZE);
    const top = writer.y;
    writer.current.drawRectangle({
      x: TEXT_BLOCK.left + (TEXT_BLOCK.width - width) / 2 - 10,
      y: top - 36,
      width: width + 20,
      height: 36,
      borderColor: LABEL_COLOUR,
      borderWidth: 1.5,
    });
    writer.line(label, {
      font: bold,
      size: LABEL_SIZE,
      leading: 36,
      align: "center",
      color: LABEL_COLOUR,
    });
    writer.gap(BODY_LEADING / 2);
    writer.paragraph("本册使用演示数据生成，所列数值不是真实统计数，不得作为正式材料报送。", {
      font: regular,
      size: 12,
      leading: 22,
      align: "center",
    });
  }
  writer.finishPage();
}
