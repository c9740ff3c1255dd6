/**
 * A small container for typed arrays, so an index file is read with one readFile and used in place
 * (no parsing, no per-entry objects): magic, a JSON header naming each section, then the sections,
 * each aligned to 8 bytes.
 */
import { IndexDamagedError } from "./index-damage.js";

export type Section = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;
type SectionType = "i32" | "u32" | "u16" | "u8" | "f32" | "f64";

const MAGIC = "KPIX";
const ALIGN = 8;
const CONSTRUCTORS = { i32: Int32Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array, f32: Float32Array, f64: Float64Array } as const;

interface Header {
  kind: string;
  meta: Record<string, number>;
  sections: Array<{ name: string; type: SectionType; offset: number; length: number }>;
  bytes: number;
}

const typeOf = (a: Section): SectionType =>
  a instanceof Int32Array
    ? "i32"
    : a instanceof Uint32Array
      ? "u32"
      : a instanceof Uint16Array
        ? "u16"
        : a instanceof Uint8Array
          ? "u8"
          : a instanceof Float32Array
            ? "f32"
            : "f64";
const pad = (n: number) => (n + ALIGN - 1) & ~(ALIGN - 1);

/** Serialize named typed arrays (little-endian, as every platform Node runs on). */
export function encodeSections(kind: string, meta: Record<string, number>, sections: Record<string, Section>): Buffer {
  // The header's length depends on the offsets it lists: lay out until a padded header fits.
  const entries = Object.entries(sections);
  const draft = (start: number) => {
    let offset = start;
    const list = entries.map(([name, a]) => {
      const entry = { name, type: typeOf(a), offset, length: a.length };
      offset = pad(offset + a.byteLength);
      return entry;
    });
    return { list, end: offset };
  };
  let headerBytes = 64;
  let header: Header;
  for (;;) {
    const { list, end } = draft(pad(8 + headerBytes));
    header = { kind, meta, sections: list, bytes: end };
    const needed = Buffer.byteLength(JSON.stringify(header));
    if (needed <= headerBytes) break;
    headerBytes = needed + 8 * entries.length + 16; // room for offsets gaining a digit
  }
  const out = Buffer.alloc(header.bytes);
  out.write(MAGIC, 0, "latin1");
  const json = JSON.stringify(header).padEnd(headerBytes, " ");
  out.writeUInt32LE(headerBytes, 4);
  out.write(json, 8, "utf8");
  header.sections.forEach((s, i) => {
    const a = entries[i]![1];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), s.offset);
  });
  return out;
}

export interface DecodedSections {
  meta: Record<string, number>;
  get<T extends keyof typeof CONSTRUCTORS>(name: string, type: T): InstanceType<(typeof CONSTRUCTORS)[T]>;
}

/** Read what encodeSections wrote; anything short, cut or of another kind is an IndexDamagedError naming the file. */
export function decodeSections(raw: Buffer, kind: string, file: string): DecodedSections {
  const damaged = (problem: string) => new IndexDamagedError(file, problem);
  if (raw.length < 8 || raw.toString("latin1", 0, 4) !== MAGIC) throw damaged("not an index file (bad magic)");
  const headerBytes = raw.readUInt32LE(4);
  if (8 + headerBytes > raw.length) throw damaged("truncated header");
  let header: Header;
  try {
    header = JSON.parse(raw.toString("utf8", 8, 8 + headerBytes)) as Header;
  } catch {
    throw damaged("unreadable header");
  }
  if (header.kind !== kind) throw damaged(`holds "${header.kind}", expected "${kind}"`);
  if (header.bytes !== raw.length) throw damaged(`${raw.length} bytes, the header says ${header.bytes} (truncated or appended to)`);
  // Typed arrays need aligned memory; a small read may come from Node's shared pool at any offset.
  const bytes = raw.byteOffset % ALIGN === 0 ? raw : Buffer.from(raw);
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  return {
    meta: header.meta,
    get(name, type) {
      const s = byName.get(name);
      if (!s || s.type !== type) throw damaged(`section ${name} (${type}) missing`);
      const Ctor = CONSTRUCTORS[type];
      if (s.offset % ALIGN !== 0 || s.offset + s.length * Ctor.BYTES_PER_ELEMENT > bytes.length) throw damaged(`section ${name} out of bounds`);
      return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + s.offset, s.length) as never;
    },
  };
}
