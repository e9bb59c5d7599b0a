import type { CompiledFormula } from "./formula/ast";
import type {
  DataElement,
  FrameworkDoc,
  IndicatorDef,
  Part,
  WorkItemDef,
} from "./formats/framework-schema";
import type { DataDoc, Region } from "./formats/data-schema";

/** An indicator ready to score: its formula parsed and its part resolved. */
export interface Indicator extends IndicatorDef {
  compiled: CompiledFormula;
  partCode: string;
}

/** A work item with its part resolved. */
export interface WorkItem extends WorkItemDef {
  partCode: string;
}

/**
 * A framework that passed every check of the format. `doc` is the document as
 * loaded (defaults filled in); the other fields are indexes derived from it.
 */
export interface Framework {
  doc: FrameworkDoc;
  indicators: Indicator[];
  workItems: WorkItem[];
  elements: Map<string, DataElement>;
  parts: Part[];
}

/** A data file that passed every check against its framework. */
export interface Dataset {
  doc: DataDoc;
  regions: Region[];
}

export type { DataElement, FrameworkDoc, Part, Region, DataDoc };
