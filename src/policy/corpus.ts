import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { CorpusError } from "./corpus-error.js";
import { parsePolicyText, type PolicyDocument } from "./parse.js";
import { implicitAliases } from "./departments.js";
import type { Measure } from "./measure.js";

/** Everything maintainers edit, parsed and checked. */
export interface Corpus {
  documents: PolicyDocument[];
  measures: Measure[];
  /** Synonym groups for query expansion. */
  lexicon: string[][];
  /** Every way of writing a department (full name, short forms, aliases) → its full name. */
  departmentNames: Map<string, string>;
  /** Hash of every corpus file: the index is stale when it changes. */
  hash: string;
}

export const POLICY_DIR = "policy";
export const LEXICON_FILE = "lexicon.txt";
export const DEPARTMENT_ALIASES_FILE = "departments.txt";

/** The corpus files as read, and their hash. */
interface CorpusFiles {
  policies: Array<{ file: string; text: string }>;
  lexicon: { file: string; text: string };
  aliases: { file: string; text: string };
  hash: string;
}

function readCorpusFiles(corpusDir: string): CorpusFiles {
  const policyDir = join(corpusDir, POLICY_DIR);
  if (!existsSync(policyDir)) throw new CorpusError(policyDir, 1, "policy folder not found: put the published policy texts (.txt) there");
  const files = readdirSync(policyDir).filter((f) => f.endsWith(".txt")).sort();
  if (files.length === 0) throw new CorpusError(policyDir, 1, "no policy text (.txt) found");
  const hash = createHash("sha256");
  const policies = files.map((f) => {
    const path = join(policyDir, f);
    const text = readFileSync(path, "utf8");
    hash.update(`${f}\n${text}\n`);
    return { file: relative(process.cwd(), path) || path, text };
  });
  const optional = (file: string) => ({ file, text: existsSync(file) ? readFileSync(file, "utf8") : "" });
  const lexicon = optional(join(corpusDir, LEXICON_FILE));
  const aliases = optional(join(corpusDir, DEPARTMENT_ALIASES_FILE));
  hash.update(`lexicon\n${lexicon.text}\naliases\n${aliases.text}`);
  return { policies, lexicon, aliases, hash: hash.digest("hex").slice(0, 16) };
}

/** The corpus hash alone, without parsing: whether the index is fresh is known before any measure is parsed. */
export const corpusHash = (corpusDir: string): string => readCorpusFiles(corpusDir).hash;

export function loadCorpus(corpusDir: string): Corpus {
  const { policies, lexicon, aliases, hash } = readCorpusFiles(corpusDir);
  const documents = qualifyMeasures(policies.map(({ file, text }) => parsePolicyText(text, file)));
  const measures = documents.flatMap((d) => d.measures);
  return {
    documents,
    measures,
    lexicon: parseLexicon(lexicon.text, lexicon.file),
    departmentNames: departmentNames(measures, aliases.text, aliases.file),
    hash,
  };
}

/**
 * Several documents (a 2023 set beside 2022) may number their measures alike: each measure then
 * carries its document's key. The same document twice is a mistake (a copy left behind).
 * Measure numbers are unique within a document (the parser checks that).
 */
function qualifyMeasures(documents: PolicyDocument[]): PolicyDocument[] {
  const seen = new Map<string, string>();
  for (const doc of documents) {
    const other = seen.get(doc.title);
    if (other) throw new CorpusError(doc.file, 1, `《${doc.title}》 is also in ${other}: keep one copy of a document in corpus/policy`);
    seen.set(doc.title, doc.file);
  }
  if (documents.length < 2) return documents;
  return documents.map((d) => ({ ...d, measures: d.measures.map((m) => ({ ...m, doc: d.key })) }));
}

/** The document in force when a question names no year: the latest year; of one year, the last file by name. */
export function currentDocument<T extends { key: string; year: number }>(documents: readonly T[]): T | undefined {
  return [...documents].sort((a, b) => a.year - b.year || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).at(-1);
}

/** One group per line: 开公司 ~ 企业开办 ~ 注册公司. Lines starting with # are comments. */
export function parseLexicon(text: string, file: string): string[][] {
  return meaningfulLines(text).map(({ line, lineNo }) => {
    const group = line.split("~").map((t) => t.trim()).filter(Boolean);
    if (group.length < 2) throw new CorpusError(file, lineNo, `a synonym group needs at least two terms separated by "~": ${line}`);
    return group;
  });
}

/** Lines like 市中级人民法院: 市中院, 中级法院. The full name must be one the policy text uses. */
function departmentNames(measures: Measure[], aliasText: string, file: string): Map<string, string> {
  const full = new Set(measures.flatMap((m) => m.departments));
  const names = new Map<string, string>();
  for (const name of full) {
    names.set(name, name);
    for (const alias of implicitAliases(name)) if (!full.has(alias)) names.set(alias, name);
  }
  for (const { line, lineNo } of meaningfulLines(aliasText)) {
    const [target, rest] = line.split(/[:：]/, 2).map((s) => s?.trim());
    if (!target || !rest) throw new CorpusError(file, lineNo, `expected "full name: alias, alias": ${line}`);
    if (!full.has(target)) throw new CorpusError(file, lineNo, `"${target}" is not a department named in the policy text`);
    for (const alias of rest.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)) names.set(alias, target);
  }
  return names;
}

function meaningfulLines(text: string) {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: raw.replace(/#.*$/, "").trim(), lineNo: i + 1 }))
    .filter(({ line }) => line.length > 0);
}

/** Words the corpus defines (lexicon terms, department names and aliases) for the word segmenter. */
export const corpusVocabulary = (corpus: Corpus): string[] => [...new Set([...corpus.lexicon.flat(), ...corpus.departmentNames.keys()])];
