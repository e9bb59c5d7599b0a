interface FrameworkVersion {
  id: string;
  code: string;
  version: number;
  importedAt: string;
}

interface YearOnFramework {
  year: number;
  framework: { code: string };
}

/**
 * The version a new year most likely opens on: the newest version of the framework
 * code the newest year uses (the province revises its method, the code stays); when no
 * year exists yet or that code is gone, the most recently imported version.
 */
export function suggestedFramework<Version extends FrameworkVersion>(
  frameworks: readonly Version[],
  cycles: readonly YearOnFramework[],
): Version | undefined {
  const newestYear = [...cycles].sort((a, b) => b.year - a.year)[0];
  const sameCode = frameworks.filter((framework) => framework.code === newestYear?.framework.code);
  if (sameCode.length > 0) return [...sameCode].sort((a, b) => b.version - a.version)[0];
  return [...frameworks].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0];
}
