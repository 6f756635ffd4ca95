// Types of scripts/schema-evidence.mjs for the tests that import it.

export interface EvidenceSource {
  tag: string;
  repo: string;
  commit: string;
  base: string;
  proves: string[];
  description: string;
  line: number;
}

export interface EvidenceEntry {
  tag: string;
  path: string;
  symbol: string;
  proofs: Array<{ kind: string; args?: string[] }>;
  line: number;
}

export interface EvidencedField {
  name: string;
  signature: string;
  typeText: string;
  args: string[];
  line: number;
  entries: EvidenceEntry[];
  note: string;
}

export interface EvidencedType {
  name: string;
  kind: string;
  interfaces: string[];
  line: number;
  entries: EvidenceEntry[];
  note: string;
  fields: EvidencedField[];
  values: Array<{ name: string; line: number; entries: EvidenceEntry[]; note: string }>;
}

export interface EvidenceModel {
  file: string;
  sources: Map<string, EvidenceSource>;
  types: EvidencedType[];
  /** `file:line: message` for every element without evidence and every malformed entry. */
  problems: string[];
}

export function readEvidence(text: string, file: string): EvidenceModel;
export function readSchemaEvidence(schemaDir?: URL): EvidenceModel[];
export function renderMarkdown(model: EvidenceModel): string;
export function evidenceCounts(model: EvidenceModel): {
  types: number;
  fields: number;
  arguments: number;
  enumValues: number;
  entries: number;
};
