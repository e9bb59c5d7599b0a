/** Demo frameworks say so in their name ("示例", "illustrative"); the web app reads it the same way. */
export function isIllustrativeFramework(name: string): boolean {
  return /示例|illustrative/i.test(name);
}
