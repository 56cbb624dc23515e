// Schema-driven requests for every operation of the OpenAPI document: valid ones (to reach the
// services), mutated ones (one field malformed or missing) and wild ones (any JSON, broken JSON,
// wrong content types), with malformed and boundary values. Plain JavaScript so that both the
// test (src/server/fuzz.test.ts) and the longer run (bench/fuzz.mjs, against the build) use the
// same generator; fast-check draws every value from one seed, so a run is reproducible.
import fc from 'fast-check';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// ---------------------------------------------------------------------------------------------
// Operations

/**
 * The operations of an OpenAPI document, in document order.
 * @param {any} doc
 */
export function operationsOf(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        bodyType,
        bodySchema: bodyType ? content[bodyType].schema : null,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Ids: a reference drawn now, resolved when the request is sent (the pools grow as the run creates things)

class IdRef {
  /** @param {string} kind @param {'own' | 'anyOwn' | 'foreign'} variant @param {number} n */
  constructor(kind, variant, n) {
    this.kind = kind;
    this.variant = variant;
    this.n = n;
  }
}

/** `status-entries` → `entry`, `statusEntryId` → `entry`, `recommendationIds` → `recommendation`. */
export function kindOf(name) {
  const words = String(name)
    .replace(/Ids?$/, '')
    .split(/[-_]|(?=[A-Z])/)
    .filter(Boolean);
  const last = (words.at(-1) ?? '').toLowerCase();
  if (last.endsWith('ies')) return `${last.slice(0, -3)}y`;
  if (last.endsWith('ses') || last.endsWith('xes')) return last.slice(0, -2);
  if (last.endsWith('s') && !last.endsWith('ss')) return last.slice(0, -1);
  return last;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Malformed ids: not UUIDs, or UUIDs of no row. */
const badIds = [
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000',
  '00000000-0000-4000-8000-0000000000000',
  '00000000-0000-4000-8000-00000000000g',
  '{00000000-0000-4000-8000-000000000000}',
  '00000000000040008000000000000000',
  '00000000-0000-4000-8000-000000000000 ',
  "' or '1'='1",
  '1',
  '-1',
  'null',
  'x'.repeat(5000),
];

// ---------------------------------------------------------------------------------------------
// Values

/** Dates the application must refuse or handle: out of range, impossible, odd forms; and its boundaries. */
const badDates = [
  '0000-01-01',
  '9999-12-31',
  '2025-02-30',
  '2023-02-29',
  '1899-12-31',
  '2200-01-01',
  '2025-13-01',
  '2025-00-10',
  '2025-1-1',
  '20250101',
  '+002025-01-01',
  '-000001-01-01',
  '01.02.2025',
  '2025-01-01T00:00:00Z',
  '2025-01-01T25:00:00+01:00',
  '9999-12-31T23:59:59.999Z',
  'today',
];
const edgeDates = ['1900-01-01', '2199-12-31', '2024-02-29', '2000-02-29', '2025-12-31', '2026-01-01'];

const bidi = ['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u061C'];
const weirdStrings = [
  '',
  ' ',
  '\t\r\n',
  'a\u0000b',
  '\u0000',
  `invoice${bidi[0]}fdp.txt`,
  `${bidi[2]}x${bidi[5]}`,
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF',
  '\u200B',
  'e\u0301'.repeat(50),
  '😀'.repeat(150),
  'مرحبا بالعالم',
  "'; drop table findings; --",
  '%s%n%x',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '=2+2',
  '-1.234,50',
  '${7*7}',
  'NaN',
  'Infinity',
  '1e999',
  '-0',
  'true',
  'null',
  '[]',
  '{}',
  '\\',
  '"',
];

/** @param {number} n */
const longString = (n) => 'x'.repeat(Math.max(0, n));

const weirdNumbers = [0, -1, 1, 1.5, -0.000001, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e308, -1e308, Number.MIN_VALUE];
const weirdQueryNumbers = [
  '',
  ' 1',
  '1 ',
  '0x10',
  '1e3',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '1,5',
  '1.5',
  '99999999999999999999999',
  '-99999999999999999999999',
  '٣',
];

export class RequestFactory {
  /**
   * @param {any} doc the OpenAPI document
   */
  constructor(doc) {
    this.doc = doc;
    /** @type {Map<any, fc.Arbitrary<unknown>>} */
    this.validCache = new Map();
    /** @type {Map<any, fc.Arbitrary<unknown>>} */
    this.mutatedCache = new Map();
  }

  /** @param {any} schema */
  deref(schema) {
    let s = schema;
    for (let i = 0; s && typeof s === 'object' && typeof s.$ref === 'string' && i < 10; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      s = this.doc.components?.schemas?.[name];
    }
    return s ?? {};
  }

  /**
   * Values the schema accepts (as far as a JSON schema says: the services' own rules decide the rest).
   * @param {any} raw @param {string} name the property or parameter the value is for (names the kind of an id)
   * @param {number} depth
   * @returns {fc.Arbitrary<unknown>}
   */
  valid(raw, name, depth = 0) {
    const schema = this.deref(raw);
    const key = schema;
    const cached = this.validCache.get(key)?.get?.(name);
    if (cached) return cached;
    const arb = this.#valid(schema, name, depth);
    if (!this.validCache.has(key)) this.validCache.set(key, new Map());
    this.validCache.get(key).set(name, arb);
    return arb;
  }

  /** @param {any} schema @param {string} name @param {number} depth @returns {fc.Arbitrary<unknown>} */
  #valid(schema, name, depth) {
    if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((/** @type {any} */ s) => this.valid(s, name, depth)));
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((/** @type {string} */ t) => this.valid({ ...schema, type: t }, name, depth)));
    switch (schema.type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -(2 ** 31));
        const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? 2 ** 31 - 1);
        const lo = Math.max(min, -(2 ** 31));
        const hi = Math.min(max, 2 ** 31 - 1);
        return fc.oneof({ arbitrary: fc.integer({ min: lo, max: Math.max(lo, hi) }), weight: 4 }, fc.constantFrom(min, max));
      }
      case 'number': {
        const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e12;
        const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e12;
        return fc.oneof(
          {
            arbitrary: fc
              .double({ min, max, noNaN: true, noDefaultInfinity: true })
              .filter((v) => v !== schema.exclusiveMinimum && v !== schema.exclusiveMaximum),
            weight: 3,
          },
          fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) }),
        );
      }
      case 'string':
        return this.#validString(schema, name);
      case 'array': {
        const min = schema.minItems ?? 0;
        const max = Math.max(min, Math.min(schema.maxItems ?? 3, depth > 1 ? 1 : 3));
        return fc.array(this.valid(schema.items ?? {}, name, depth + 1), { minLength: min, maxLength: max });
      }
      case 'object': {
        const props = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, this.valid(s, k, depth + 1)]));
        const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((/** @type {string} */ k) => k in props) });
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && !Object.keys(props).length) {
          return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), this.valid(schema.additionalProperties, name, depth + 1), { maxKeys: 3 });
        }
        return record;
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** @param {any} schema @param {string} name */
  #validString(schema, name) {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    if (schema.format === 'uuid') return this.idRef(name);
    if (schema.format === 'date') {
      return fc.oneof(
        fc.constantFrom(...edgeDates),
        fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      );
    }
    if (schema.format === 'date-time')
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('admin@example.org', 'a@b.example'));
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
      } catch {
        // a pattern JavaScript cannot read: fall through to plain text
      }
    }
    const upTo = Math.min(max, 40);
    return fc.oneof(
      { arbitrary: fc.string({ minLength: Math.min(min, upTo), maxLength: Math.max(upTo, min), unit: 'grapheme' }), weight: 3 },
      { arbitrary: fc.string({ minLength: Math.min(min, upTo), maxLength: Math.max(upTo, min) }), weight: 3 },
      fc.constant(longString(Math.max(min, max))),
      fc.constant(min > 0 ? 'x'.repeat(min) : ''),
    );
  }

  /** A reference to an id, resolved against the pools when the request is sent. @param {string} name */
  idRef(name) {
    const kind = kindOf(name);
    return fc.oneof(
      { arbitrary: fc.nat().map((n) => new IdRef(kind, 'own', n)), weight: 12 },
      { arbitrary: fc.nat().map((n) => new IdRef(kind, 'anyOwn', n)), weight: 2 },
      { arbitrary: fc.nat().map((n) => new IdRef(kind, 'foreign', n)), weight: 2 },
      { arbitrary: fc.uuid({ version: 4 }), weight: 1 },
    );
  }

  /**
   * Values the schema refuses, or that sit on its edges: wrong types, out of range, malformed text.
   * @param {any} raw @param {string} name @returns {fc.Arbitrary<unknown>}
   */
  malformed(raw, name) {
    const schema = this.deref(raw);
    const wrongType = fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [{}], { a: [1] }, [[[]]]);
    /** @type {fc.Arbitrary<unknown>[]} */
    const specific = [];
    const types = new Set([schema.type].flat().filter(Boolean));
    for (const alt of schema.anyOf ?? schema.oneOf ?? []) for (const t of [this.deref(alt).type].flat()) if (t) types.add(t);
    const formats = new Set([schema.format, ...(schema.anyOf ?? []).map((/** @type {any} */ a) => this.deref(a).format)].filter(Boolean));
    if (formats.has('uuid')) specific.push(fc.constantFrom(...badIds));
    if (formats.has('date') || formats.has('date-time')) specific.push(fc.constantFrom(...badDates));
    if (schema.enum)
      specific.push(
        fc.constantFrom('other', String(schema.enum[0]).toUpperCase(), ` ${schema.enum[0]}`, `${schema.enum[0]}\u0000`, `${schema.enum[0]}${bidi[0]}`),
      );
    if (types.has('string')) {
      const max = schema.maxLength ?? 200;
      specific.push(
        fc.constantFrom(...weirdStrings),
        fc.constantFrom(longString(max + 1), longString(100_000), '😀'.repeat(max)),
        fc.string({ unit: 'binary', maxLength: 30 }),
      );
      if (schema.pattern) specific.push(fc.constantFrom('2025-00', '2025-13', '2025-14', '0000-01', '9999-12', '1899-12', '2200-01', '2025-1', '2025/01'));
    }
    if (types.has('integer') || types.has('number')) {
      const edges = [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum].filter((v) => typeof v === 'number');
      specific.push(fc.constantFrom(...weirdNumbers, ...edges.flatMap((v) => [v - 1, v + 1, v + 0.5])), fc.constantFrom('1', '1e3', 'NaN'));
    }
    if (types.has('array')) {
      const item = this.valid(schema.items ?? {}, name);
      specific.push(
        fc.constant([null]),
        fc.array(item, { minLength: (schema.maxItems ?? 50) + 1, maxLength: (schema.maxItems ?? 50) + 1 }),
        fc.array(this.malformed(schema.items ?? {}, name), { minLength: 1, maxLength: 2 }),
      );
    }
    if (types.has('object'))
      specific.push(
        fc.constantFrom([], [{}], 'object', { __proto__: null }, JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }),
      );
    if (types.has('boolean')) specific.push(fc.constantFrom('true', 1, 0, 'yes'));
    return specific.length ? fc.oneof({ arbitrary: wrongType, weight: 1 }, ...specific.map((arbitrary) => ({ arbitrary, weight: 2 }))) : wrongType;
  }

  /**
   * A value that is valid except somewhere: a malformed value in place of one field (at any depth),
   * a required field left out, or an unknown field added.
   * @param {any} raw @param {string} name @param {number} depth @returns {fc.Arbitrary<unknown>}
   */
  mutated(raw, name, depth = 0) {
    const schema = this.deref(raw);
    const cached = this.mutatedCache.get(schema)?.get?.(name);
    if (cached) return cached;
    const arb = this.#mutated(schema, name, depth);
    if (!this.mutatedCache.has(schema)) this.mutatedCache.set(schema, new Map());
    this.mutatedCache.get(schema).set(name, arb);
    return arb;
  }

  /** @param {any} schema @param {string} name @param {number} depth @returns {fc.Arbitrary<unknown>} */
  #mutated(schema, name, depth) {
    const whole = this.malformed(schema, name);
    if (depth > 3) return whole;
    const objectSchema =
      schema.type === 'object' ? schema : (schema.anyOf ?? []).map((/** @type {any} */ s) => this.deref(s)).find((/** @type {any} */ s) => s.type === 'object');
    if (objectSchema?.properties && Object.keys(objectSchema.properties).length) {
      const props = objectSchema.properties;
      const keys = Object.keys(props);
      const base = /** @type {fc.Arbitrary<Record<string, unknown>>} */ (this.valid(objectSchema, name, depth));
      const oneBad = fc
        .constantFrom(...keys)
        .chain((k) => fc.tuple(fc.constant(k), base, this.mutated(props[k], k, depth + 1)))
        .map(([k, v, bad]) => ({ ...v, [k]: bad }));
      const required = (objectSchema.required ?? []).filter((/** @type {string} */ k) => k in props);
      const missing = required.length
        ? fc.constantFrom(...required).chain((k) => base.map((v) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))))
        : base;
      const extra = fc
        .tuple(base, fc.constantFrom('unknownField', 'id', 'municipalityId', 'version', '__proto__', 'constructor', ''), fc.jsonValue({ maxDepth: 1 }))
        .map(([v, k, x]) => JSON.parse(JSON.stringify({ ...v, [k]: x })));
      return fc.oneof({ arbitrary: oneBad, weight: 6 }, { arbitrary: missing, weight: 2 }, { arbitrary: extra, weight: 1 }, { arbitrary: whole, weight: 1 });
    }
    const arraySchema = schema.type === 'array' ? schema : null;
    if (arraySchema) {
      const items = arraySchema.items ?? {};
      const good = this.valid(items, name, depth + 1);
      const withBad = fc.tuple(fc.array(good, { maxLength: 2 }), this.mutated(items, name, depth + 1)).map(([xs, bad]) => [...xs, bad]);
      return fc.oneof({ arbitrary: withBad, weight: 2 }, whole);
    }
    return whole;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

const rawJsonBodies = [
  '',
  '{',
  '{"a":',
  '}',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '[{}]',
  '1e999',
  '\uFEFF{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  '{"title":"\\ud800"}',
  '{"title":"\\u0000"}',
  '['.repeat(20_000) + ']'.repeat(20_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
];
const contentTypes = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/jsonx',
  'APPLICATION/JSON',
];
const ifMatchBad = ['"abc"', '*', '"-1"', '"99999999999999999999"', '"1.5"', '', '""', '1', '"1", "2"', 'W/"1"', '"0"', '"999999999"'];
const languages = ['sv-SE,sv;q=0.9', 'en', 'da', 'xx', '*', 'da;q=abc', 'x'.repeat(3000), 'sv\u202E', 'en-US,en;q=0.5,fr;q=0.3'];
const fileNames = [
  'a.csv',
  'a.xlsx',
  'a.pdf',
  '',
  `invoice${bidi[0]}fdp.txt`,
  '../../etc/passwd',
  'x'.repeat(1000) + '.pdf',
  'æøå ÆØÅ.docx',
  'a\r\nb.txt',
  'con',
  '.',
  'a"b.txt',
];
const pdfBody = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const pdfNames = [
  'a.pdf',
  `invoice${bidi[0]}fdp.pdf`,
  `${bidi[2]}rapport${bidi[5]}.pdf`,
  'æøå ÆØÅ.pdf',
  `${'x'.repeat(400)}.pdf`,
  'a/b\\c.pdf',
  ' .pdf',
  'a"b;c.pdf',
  '%00.pdf',
  'a\u0000b.pdf',
  'CON.pdf',
];
const fileTypes = [
  'text/csv',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'image/png',
  '',
  'text/html',
];
const fileBodies = [
  Buffer.alloc(0),
  Buffer.from('a;b;c\n1;2;3\n'),
  Buffer.from('Sagsnr;CPR;Konto;Dato;Beløb;Tekst\n1;010160-1234;100;01-11-2024;1.234,50;x\n'),
  Buffer.from('PK\u0003\u0004garbage'),
  Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
  Buffer.from([0xff, 0xfe, 0x00, 0x00, 0xc3, 0x28, 0xa0, 0xa1]),
  Buffer.from('=2+2;@SUM(A1);-1\n+1;\t;\r\n'),
];

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (which that refuses) becomes the
 * three bytes it would take in UTF-8: invalid UTF-8 for the server to deal with.
 * @param {string} text
 */
export function encode(text) {
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const ch of text) {
      const c = ch.codePointAt(0) ?? 0;
      if (c >= 0xd800 && c <= 0xdfff)
        out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      else out += encodeURIComponent(ch);
    }
    return out;
  }
}

/** @param {number} length */
const boundaryOf = (length) => `----tilsynfuzz${length}`;

/**
 * @param {{ name: string, value?: string, file?: { name: string, type: string, body: Buffer } }[]} parts
 */
function multipart(parts) {
  const boundary = boundaryOf(parts.length);
  const chunks = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (p.file) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\n${p.file.type ? `Content-Type: ${p.file.type}\r\n` : ''}\r\n`,
        ),
      );
      chunks.push(p.file.body, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/**
 * @typedef {{ method: string, url: string, headers: Record<string, string>, payload?: string | Buffer, auth: 'user' | 'session' | 'none' | 'bogus', csrf?: 'ok' | 'missing' | 'wrong' }} FuzzRequest
 * @typedef {{ status: number, headers: Record<string, unknown>, body: string }} FuzzResponse
 */

/**
 * The state of a run: the ids it knows (own, by kind; another municipality's), the ETags it has seen.
 */
export class FuzzState {
  /**
   * @param {{ own?: Record<string, string[]>, foreign?: Record<string, string[]>, protectedIds?: Iterable<string> }} init
   */
  constructor(init = {}) {
    /** @type {Map<string, string[]>} */
    this.own = new Map();
    /** @type {string[]} */
    this.allOwn = [];
    /** @type {Map<string, string[]>} */
    this.foreign = new Map();
    /** @type {string[]} */
    this.allForeign = [];
    /** Ids the run must not touch: the acting user's own account and token (it would lock itself out). */
    this.protectedIds = new Set(init.protectedIds ?? []);
    /** @type {Set<string>} */
    this.seen = new Set();
    /** @type {Map<string, string>} */
    this.etags = new Map();
    for (const [kind, ids] of Object.entries(init.own ?? {})) for (const id of ids) this.addOwn(kindOf(kind), id);
    for (const [kind, ids] of Object.entries(init.foreign ?? {})) {
      const k = kindOf(kind);
      if (!this.foreign.has(k)) this.foreign.set(k, []);
      for (const id of ids) {
        this.foreign.get(k)?.push(id);
        this.allForeign.push(id);
      }
    }
  }

  /** @param {string} kind @param {string} id */
  addOwn(kind, id) {
    if (this.protectedIds.has(id) || this.seen.has(`${kind}:${id}`) || this.allForeign.includes(id)) return;
    this.seen.add(`${kind}:${id}`);
    if (!this.own.has(kind)) this.own.set(kind, []);
    this.own.get(kind)?.push(id);
    if (!this.allOwn.includes(id)) this.allOwn.push(id);
  }

  /** @param {IdRef} ref */
  resolve(ref) {
    /** @param {string[] | undefined} xs */
    const pick = (xs) => (xs && xs.length ? xs[ref.n % xs.length] : undefined);
    if (ref.variant === 'foreign') return pick(this.foreign.get(ref.kind)) ?? pick(this.allForeign) ?? '00000000-0000-4000-8000-000000000000';
    if (ref.variant === 'own') return pick(this.own.get(ref.kind)) ?? pick(this.allOwn) ?? '00000000-0000-4000-8000-000000000001';
    return pick(this.allOwn) ?? '00000000-0000-4000-8000-000000000002';
  }

  /** Replaces every id reference in a generated value. @param {unknown} value @returns {unknown} */
  resolveAll(value) {
    if (value instanceof IdRef) return this.resolve(value);
    if (Array.isArray(value)) return value.map((v) => this.resolveAll(v));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value))
        Object.defineProperty(out, k, { value: this.resolveAll(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }

  /**
   * Learns ids and ETags from an answer: an object with an `id` is of the kind of the field or
   * list holding it (or, at the top, of the path), a field `fooId` holds a `foo`.
   * @param {string} pathKind @param {string | undefined} pathId @param {FuzzResponse} res
   */
  observe(pathKind, pathId, res) {
    if (res.status >= 300) return;
    const ct = String(res.headers['content-type'] ?? '');
    let body;
    if (/json/.test(ct)) {
      try {
        body = JSON.parse(res.body);
      } catch {
        body = undefined;
      }
    }
    const etag = res.headers.etag;
    if (typeof etag === 'string') {
      const id = body && typeof body === 'object' && typeof body.id === 'string' ? body.id : pathId;
      if (id) this.etags.set(id, etag);
    }
    /** @param {unknown} v @param {string | null} holder @param {number} depth */
    const walk = (v, holder, depth) => {
      if (depth > 8 || !v || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const x of v.slice(0, 200)) walk(x, holder, depth + 1);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && UUID.test(x)) {
          if (k === 'id') this.addOwn(holder && holder !== 'items' ? kindOf(holder) : pathKind, x);
          else if (/Id$/.test(k)) this.addOwn(kindOf(k), x);
        } else if (Array.isArray(x) && /Ids$/.test(k)) {
          for (const y of x) if (typeof y === 'string' && UUID.test(y)) this.addOwn(kindOf(k), y);
        } else walk(x, k, depth + 1);
      }
    };
    walk(body, null, 0);
  }
}

/** The kind of the resource a path is about: the segment before `{id}`, or the last literal one. @param {string} path */
export function pathKindOf(path) {
  const segs = path.split('/').filter(Boolean);
  const at = segs.indexOf('{id}');
  if (at > 0) {
    // a sub-collection after the id (`/findings/{id}/plans`) is what a POST creates and a GET lists
    const after = segs.slice(at + 1).find((s) => !s.startsWith('{'));
    return kindOf(after && !/\./.test(after) ? after : segs[at - 1]);
  }
  return kindOf(segs.filter((s) => !s.startsWith('{')).at(-1) ?? '');
}

/**
 * Draws one request for an operation.
 * @param {RequestFactory} factory @param {FuzzState} state @param {ReturnType<typeof operationsOf>[number]} op
 * @param {(arb: fc.Arbitrary<any>) => any} draw
 * @param {{ unauthenticatedShare?: number, sessionShare?: number }} [opts]
 * @returns {FuzzRequest & { op: string, mode: string, pathId?: string }}
 */
export function drawRequest(factory, state, op, draw, opts = {}) {
  // Decisions are drawn without fast-check's bias towards the first value and small numbers; the values themselves keep it.
  /** @template T @param {T[]} xs @returns {T} */
  const pick = (xs) => draw(fc.noBias(fc.constantFrom(...xs)));
  /** @param {number} p */
  const chance = (p) => draw(fc.noBias(fc.integer({ min: 0, max: 9999 }))) < p * 10_000;
  const mode = pick(['valid', 'valid', 'mutated', 'mutated', 'mutated', 'mutated', 'wild']);
  /** @type {Record<string, string>} */
  const headers = {};

  // Path: each parameter valid (an id of the right kind, mostly), or one malformed
  const badParam = mode !== 'valid' && op.pathParams.length && chance(0.5) ? pick(op.pathParams.map((p) => p.name)) : null;
  let pathId;
  let url = op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const p = op.pathParams.find((x) => x.name === name) ?? { schema: {} };
    const kindName = name === 'id' ? (op.path.split('/')[op.path.split('/').indexOf('{id}') - 1] ?? 'id') : name;
    let value;
    if (name === badParam) {
      value = draw(
        fc.oneof(fc.constantFrom(...badIds, '..', '.', ' ', 'a%2Fb', 'a/b', '%', '%E0%A4%A', '%00', '%C0%AF', 'über'), factory.malformed(p.schema, kindName)),
      );
      if (typeof value === 'string' && /^%|%[0-9A-F]{2}$|%C0|%E0|%2F/.test(value)) return value; // raw, not encoded again
    } else {
      const schema = factory.deref(p.schema);
      value = state.resolveAll(draw(schema.format === 'uuid' ? factory.idRef(kindName) : factory.valid(schema, kindName)));
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (name === 'id') pathId = text;
    return encode(text);
  });

  // Query: required parameters, some optional ones; one malformed, duplicated or unknown
  /** @type {[string, string][]} */
  const pairs = [];
  const badQuery = mode !== 'valid' && chance(0.5);
  const badName = badQuery && op.queryParams.length ? pick(op.queryParams.map((p) => p.name)) : null;
  for (const p of op.queryParams) {
    const include = p.required || p.name === badName || chance(0.5);
    if (!include) continue;
    let value =
      p.name === badName ? draw(fc.oneof(factory.malformed(p.schema, p.name), fc.constantFrom(...weirdQueryNumbers))) : draw(factory.valid(p.schema, p.name));
    value = state.resolveAll(value);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) pairs.push([p.name, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]);
    if (p.name === badName && chance(0.5)) pairs.push([p.name, pairs.at(-1)?.[1] ?? 'x']);
  }
  if (badQuery && chance(0.5))
    pairs.push(
      pick([
        ['unknown', '1'],
        ['limit', '-1'],
        ['offset', '1e9'],
        ['q', 'x'.repeat(5000)],
        ['__proto__', 'x'],
        ['a[b]', 'c'],
        ['', ''],
      ]),
    );
  let query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  if (badQuery && chance(0.1)) query += pick(['&%zz=1', '&a=%E0%A4%A', '&&&', '&=', '&q=%00', '&q=%uD800']);
  if (query) url += `?${query}`;

  // Body
  let payload;
  if (op.bodySchema && op.bodyType === 'application/json') {
    if (mode === 'wild' && chance(0.5)) {
      payload = draw(
        fc.oneof(
          fc.constantFrom(...rawJsonBodies),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
        ),
      );
    } else {
      const value = draw(
        mode === 'valid'
          ? factory.valid(op.bodySchema, 'body')
          : mode === 'mutated'
            ? factory.mutated(op.bodySchema, 'body')
            : factory.malformed(op.bodySchema, 'body'),
      );
      payload = JSON.stringify(state.resolveAll(value)) ?? 'null';
    }
    headers['content-type'] = mode === 'wild' && chance(0.25) ? pick(contentTypes) : 'application/json';
  } else if (op.bodySchema && op.bodyType) {
    // a form post (the SAML assertion consumer): form fields, some broken
    payload = pick([
      '',
      'SAMLResponse=',
      'SAMLResponse=%%%',
      `SAMLResponse=${Buffer.from('<x/>').toString('base64')}`,
      `SAMLResponse=${'A'.repeat(10_000)}&RelayState=/x`,
      'RelayState=%00',
    ]);
    headers['content-type'] = op.bodyType;
  } else if (op.method === 'POST' || op.method === 'PUT') {
    // an operation without a JSON body: maybe a file upload (multipart), maybe a bare command
    const kind = pick(['none', 'none', 'json', 'multipart', 'multipart', 'multipart']);
    if (kind === 'json') {
      payload = draw(
        fc.oneof(
          fc.constantFrom(...rawJsonBodies.slice(0, 12)),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
        ),
      );
      headers['content-type'] = 'application/json';
    } else if (kind === 'multipart') {
      const part = fc.oneof(
        fc.record({
          name: fc.constantFrom('systemId', 'period', 'note', 'dryRun', 'kind', 'x'),
          value: fc.oneof(
            fc.constantFrom(...weirdStrings, ...badIds, ...badDates),
            fc.nat().map((n) => state.resolve(new IdRef('system', 'own', n))),
          ),
        }),
        fc.record({
          name: fc.constantFrom('file', 'file', 'left', 'right', 'other'),
          file: fc.record({ name: fc.constantFrom(...fileNames), type: fc.constantFrom(...fileTypes), body: fc.constantFrom(...fileBodies) }),
        }),
        // a file whose name, type and content agree (so that uploads get stored), under odd names
        fc.record({
          name: fc.constant('file'),
          file: fc.record({ name: fc.constantFrom(...pdfNames), type: fc.constant('application/pdf'), body: fc.constant(pdfBody) }),
        }),
      );
      const m = multipart(draw(fc.array(part, { minLength: 0, maxLength: 4 })));
      payload = m.body;
      headers['content-type'] =
        mode === 'wild' && chance(0.5) ? pick(['multipart/form-data', 'multipart/form-data; boundary=other', 'multipart/mixed; boundary=x']) : m.contentType;
    }
  }

  // Headers: If-Match (the ETag seen, none, or malformed), a language, maybe no or a bogus credential
  if (op.method !== 'GET') {
    const choice = pick(['known', 'known', 'known', 'none', 'bad']);
    if (choice === 'known') headers['if-match'] = (pathId && state.etags.get(pathId)) ?? '"1"';
    else if (choice === 'bad') headers['if-match'] = pick(ifMatchBad);
  }
  if (chance(0.125)) headers['accept-language'] = pick(languages);
  // The credential: the user's API token, the user's browser session (its CSRF token sent, left
  // out or wrong on a change), none, or a made-up one
  const share = opts.unauthenticatedShare ?? 0.03;
  const sessionShare = opts.sessionShare ?? 0;
  const roll = draw(fc.noBias(fc.integer({ min: 0, max: 9999 }))) / 10_000;
  /** @type {'user' | 'session' | 'none' | 'bogus'} */
  const auth = roll < share ? 'none' : roll < share * 1.5 ? 'bogus' : roll < share * 1.5 + sessionShare ? 'session' : 'user';
  if (auth === 'bogus') headers.authorization = pick(['Bearer tls_' + 'a'.repeat(40), 'Bearer ', 'Basic YTpi', 'Bearer tls_\u0000', 'x'.repeat(9000)]);
  if (auth === 'bogus' && chance(0.5))
    headers.cookie = pick([
      'tilsyn_session=x',
      'tilsyn_session=',
      `tilsyn_session=${'a'.repeat(5000)}`,
      'tilsyn_session=%00',
      'a=b; tilsyn_session=1; tilsyn_session=2',
    ]);
  /** @type {'ok' | 'missing' | 'wrong'} */
  const csrf = auth === 'session' && op.method !== 'GET' ? pick(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'missing', 'wrong']) : 'ok';
  if (csrf === 'wrong') headers['x-csrf-token'] = pick(['x', '', 'a'.repeat(43), '\u202E']);
  return { op: op.key, mode, method: op.method, url, headers, payload, auth, csrf, pathId };
}

/**
 * The acting user's credentials for a run: its API token and its browser session, each renewed
 * when the run has lost it (the run may sign the session out, or sign out everywhere, which
 * revokes the token too). The caller says how to issue, check and sign in.
 */
export class Credentials {
  /**
   * @param {{
   *   issueToken: () => Promise<{ value: string, id: string }>,
   *   tokenRevoked: (value: string) => Promise<boolean>,
   *   signIn?: () => Promise<{ cookie: string, csrf: string }>,
   *   sessionAlive?: (cookie: string) => Promise<boolean>,
   *   state: FuzzState,
   * }} how
   */
  constructor(how) {
    this.how = how;
    /** @type {{ value: string, id: string } | null} */
    this.token = null;
    /** @type {{ cookie: string, csrf: string } | null} */
    this.session = null;
    this.renewed = { token: 0, session: 0 };
  }

  /** The request's headers with the credential it asks for. @param {FuzzRequest} req */
  async headers(req) {
    if (req.auth === 'user') {
      if (!this.token) {
        this.token = await this.how.issueToken();
        this.how.state.protectedIds.add(this.token.id);
      }
      return { ...req.headers, authorization: `Bearer ${this.token.value}` };
    }
    if (req.auth === 'session') {
      if (!this.how.signIn) throw new Error('sessionShare needs signIn');
      this.session ??= await this.how.signIn();
      return { ...req.headers, cookie: this.session.cookie, ...(req.csrf === 'ok' && req.method !== 'GET' ? { 'x-csrf-token': this.session.csrf } : {}) };
    }
    return req.headers;
  }

  /** After a 401 to the user: renew what was lost (counted), so the run goes on as that user. @param {FuzzRequest} req @param {FuzzResponse} res */
  async after(req, res) {
    if (res.status !== 401) return;
    if (req.auth === 'user' && this.token && (await this.how.tokenRevoked(this.token.value))) {
      this.token = null;
      this.renewed.token++;
    }
    if (req.auth === 'session' && this.session && !(await this.how.sessionAlive?.(this.session.cookie))) {
      this.session = null;
      this.renewed.session++;
    }
  }
}

/**
 * A seeded run: `requests` requests, the operations taken in turn (each round in a new order),
 * the values drawn by fast-check from `seed`. Never stops at a failure: every 5xx (and every
 * request that got no answer) is collected with the request that caused it.
 * @param {{
 *   doc: any,
 *   seed: number,
 *   requests: number,
 *   state: FuzzState,
 *   send: (req: FuzzRequest) => Promise<FuzzResponse>,
 *   skip?: (op: ReturnType<typeof operationsOf>[number]) => boolean,
 *   every?: (op: ReturnType<typeof operationsOf>[number]) => number,
 *   unauthenticatedShare?: number,
 *   sessionShare?: number,
 *   timeoutMs?: number,
 *   budgetMs?: number,
 *   onProgress?: (done: number) => void,
 * }} opts
 */
export async function runFuzz(opts) {
  const factory = new RequestFactory(opts.doc);
  const ops = operationsOf(opts.doc).filter((op) => !opts.skip?.(op));
  /** @type {Map<string, { calls: number, ms: number, statuses: Record<string, number> }>} */
  const perOperation = new Map(ops.map((op) => [op.key, { calls: 0, ms: 0, statuses: {} }]));
  /** @type {Record<string, number>} */
  const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'no answer': 0 };
  /** @type {Record<string, number>} */
  const byStatus = {};
  /** @type {{ op: string, mode: string, request: FuzzRequest, status: number | null, body: string }[]} */
  const failures = [];
  const started = performance.now();
  let done = 0;
  let round = -1;
  /** @type {typeof ops} */
  let order = [];
  let at = 0;
  await fc.assert(
    fc.asyncProperty(fc.gen(), async (g) => {
      /** @param {fc.Arbitrary<any>} arb */
      const draw = (arb) => g(() => arb);
      // Each round takes the operations in a new order; an expensive one only every n-th round.
      if (at >= order.length) {
        round++;
        const chosen = ops.filter((op) => round % (opts.every?.(op) ?? 1) === 0);
        order = draw(fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length }));
        at = 0;
      }
      const op = order[at++];
      const req = drawRequest(factory, opts.state, op, draw, { unauthenticatedShare: opts.unauthenticatedShare, sessionShare: opts.sessionShare });
      /** @type {FuzzResponse | null} */
      let res = null;
      let error = '';
      const t0 = performance.now();
      try {
        res = await withTimeout(opts.send(req), opts.timeoutMs ?? 60_000);
      } catch (err) {
        error = String(err instanceof Error ? (err.stack ?? err.message) : err);
      }
      const stats = perOperation.get(op.key);
      if (stats) {
        stats.calls++;
        stats.ms += performance.now() - t0;
      }
      if (res) {
        const cls = `${Math.floor(res.status / 100)}xx`;
        byClass[cls] = (byClass[cls] ?? 0) + 1;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (stats) stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
        if (res.status >= 500) failures.push({ op: op.key, mode: req.mode, request: req, status: res.status, body: res.body.slice(0, 2000) });
        else if (req.auth === 'user' || req.auth === 'session') opts.state.observe(pathKindOf(op.path), req.pathId, res);
      } else {
        byClass['no answer']++;
        failures.push({ op: op.key, mode: req.mode, request: req, status: null, body: error.slice(0, 2000) });
      }
      done++;
      opts.onProgress?.(done);
    }),
    // A time budget ends the run early (the same seed gives the same requests up to there): the test must stay bounded on a busy machine.
    {
      seed: opts.seed,
      numRuns: opts.requests,
      endOnFailure: true,
      ...(opts.budgetMs ? { interruptAfterTimeLimit: opts.budgetMs, markInterruptAsFailure: false } : {}),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const reached = [...perOperation.values()].filter((s) => Object.keys(s.statuses).some((st) => st !== '400')).length;
  const succeeded = [...perOperation.values()].filter((s) => Object.keys(s.statuses).some((st) => st.startsWith('2'))).length;
  return {
    seed: opts.seed,
    requests: done,
    interrupted: done < opts.requests,
    operations: ops.length,
    reached,
    succeeded,
    byClass,
    byStatus,
    perOperation,
    failures,
    seconds,
  };
}

/** @template T @param {Promise<T>} p @param {number} ms @returns {Promise<T>} */
function withTimeout(p, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** One failure as a reproducible description: operation, mode, the request and what came back. @param {Awaited<ReturnType<typeof runFuzz>>['failures'][number]} f */
export function describeFailure(f) {
  const payload =
    f.request.payload === undefined
      ? ''
      : Buffer.isBuffer(f.request.payload)
        ? `<${f.request.payload.length} bytes: ${JSON.stringify(f.request.payload.subarray(0, 300).toString('latin1'))}>`
        : f.request.payload.length > 600
          ? `${JSON.stringify(f.request.payload.slice(0, 600))}… (${f.request.payload.length} chars)`
          : JSON.stringify(f.request.payload);
  return [
    `${f.op} [${f.mode}] → ${f.status ?? 'no answer'}`,
    `  ${f.request.method} ${f.request.url.length > 400 ? `${f.request.url.slice(0, 400)}…` : f.request.url}`,
    `  headers: ${JSON.stringify({ ...f.request.headers, ...(f.request.headers.authorization ? { authorization: '…' } : {}) })} (${f.request.auth})`,
    payload ? `  body: ${payload}` : '',
    `  answer: ${f.body.slice(0, 500)}`,
  ]
    .filter(Boolean)
    .join('\n');
}
