import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { MsgpackWriter, packValue, unpackValue } from "../../src/tokens/docbin-msgpack.js";
import { compareCodePoints } from "../../src/tokens/docbin-strings.js";
import { EMPTY_MORPH } from "../../src/tokens/morphology.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { TsnlpError } from "../../src/util/errors.js";
import { needShared } from "../helpers/shared.js";

const vocab = () => new Vocab({ lang: "en" });

/** Everything a DocBin stores about a doc, in plain values, for deep comparison. */
function snapshot(doc: Doc) {
  return {
    words: doc.words,
    spaces: [...doc.spaces],
    text: doc.text,
    norms: doc.lexemes.map((lexeme, i) => doc.norms[i] ?? lexeme.norm),
    tags: [...doc.tags],
    pos: [...doc.pos],
    morphs: [...doc.morphs],
    lemmas: [...doc.lemmas],
    heads: [...doc.heads],
    deps: [...doc.deps],
    entIob: [...doc.entIob],
    entTypes: [...doc.entTypes],
    entKbIds: [...doc.entKbIds],
    entIds: [...doc.entIds],
    sentStarts: [...doc.sentStarts],
    cats: { ...doc.cats },
    hasUnknownSpaces: doc.hasUnknownSpaces,
    spans: Object.fromEntries(
      [...doc.spans].map(([key, group]) => [
        key,
        { name: group.name, attrs: group.attrs, spans: group.spans.map((span) => [span.start, span.end, span.label, span.kbId, span.id]) },
      ]),
    ),
  };
}

function annotatedDoc(v: Vocab): Doc {
  const doc = new Doc(v, {
    words: ["Apple", "buys", "a", "café", "in", "Zürich", "😀", "today", "."],
    spaces: [true, true, true, true, true, true, true, false, false],
    norms: [undefined, "buy", undefined, "cafe", undefined, undefined, undefined, undefined, undefined],
    tags: ["NNP", "VBZ", "DT", "NN", "IN", "NNP", "NFP", "NN", "."],
    pos: ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "SYM", "NOUN", "PUNCT"],
    morphs: ["Number=Sing", "Number=Sing|Person=3", "", "Number=Sing", "_", "Number=Sing", "", "", "PunctType=Peri"],
    lemmas: ["Apple", "buy", "a", "café", "in", "Zürich", "😀", "today", "."],
    heads: [1, 1, 3, 1, 5, 3, 1, 1, 1],
    deps: ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "dep", "npadvmod", "punct"],
    ents: ["U-ORG", "O", "O", "O", "O", "U-GPE", "O", "B-DATE", "-"],
  });
  doc.entKbIds[0] = "Q312";
  doc.entIds[0] = "apple-inc";
  doc.cats = { BUSINESS: 1, SPORTS: 0, SCORE: 0.25 };
  doc.spans.set("sc", [doc.span(0, 1, { label: "ORG", kbId: "Q312" }), doc.span(5, 8, { label: "PLACE_TIME", id: "x1" }), doc.span(6, 7, { label: "EMOJI" })], {
    annotator: "kim",
    round: 2,
  });
  doc.spans.set("empty", []);
  return doc;
}

function roundTrip(docs: Doc[], options: { storeUserData?: boolean; attrs?: string[] } = {}): Doc[] {
  const bytes = new DocBin({ ...options, docs }).toBytes();
  return [...DocBin.fromBytes(bytes, "round-trip.spacy").getDocs(vocab())];
}

function payloadOf(bin: DocBin): Record<string, unknown> {
  return unpackValue(inflateSync(bin.toBytes())) as Record<string, unknown>;
}

/** A DocBin file whose msgpack map is `msg`, compressed as spaCy does. */
function docBinBytes(msg: unknown): Uint8Array {
  return deflateSync(packValue(msg));
}

function expectDocBinError(action: () => unknown, pattern: RegExp, file = "bad.spacy"): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof TsnlpError, `expected a TsnlpError, got ${error}`);
    assert.equal(error.file, file);
    assert.match(error.message, pattern);
    assert.ok(error.message.includes(file), `the message names the file: ${error.message}`);
    return true;
  });
}

describe("DocBin", () => {
  describe("round trips", () => {
    it("keeps every annotation: tags, morphs, lemmas, norms, parse, entities with KB ids, cats, span groups with attrs, unicode", () => {
      const doc = annotatedDoc(vocab());
      const [back] = roundTrip([doc]);
      assert.deepEqual(snapshot(back!), snapshot(doc));
      assert.equal(back!.morphs[4], EMPTY_MORPH, "an empty-but-set morph stays distinct from an unset one");
      assert.equal(back!.morphs[2], "");
      assert.deepEqual(
        back!.ents.map((ent) => [ent.start, ent.end, ent.label, ent.kbId]),
        [
          [0, 1, "ORG", "Q312"],
          [5, 6, "GPE", ""],
          [7, 8, "DATE", ""],
        ],
      );
      assert.equal(back!.entIob[8], 0, "a missing entity tag stays missing");
      const written = inflateSync(new DocBin({ docs: [doc] }).toBytes());
      assert.ok(inflateSync(new DocBin({ docs: [back!] }).toBytes()).equals(written), "writing the read doc gives the same payload");
    });

    it("keeps sentence starts set without a parse, and derives them from a parse", () => {
      const v = vocab();
      const plain = new Doc(v, { words: ["A", "b", ".", "C", "d", "."], sentStarts: [true, false, false, true, null, false] });
      const parsed = new Doc(v, { words: ["A", "b", "C", "d"], heads: [1, 1, 3, 3], deps: ["nsubj", "ROOT", "nsubj", "ROOT"] });
      const [plainBack, parsedBack] = roundTrip([plain, parsed]);
      assert.deepEqual([...plainBack!.sentStarts], [1, -1, -1, 1, 0, -1]);
      assert.deepEqual([...parsedBack!.sentStarts], [1, -1, 1, -1]);
      assert.deepEqual(
        parsedBack!.sents.map((sent) => sent.text),
        ["A b", "C d"],
      );
    });

    it("keeps empty docs, docs with unknown spaces and the order of docs", () => {
      const v = vocab();
      const empty = new Doc(v, { words: [] });
      const unknown = new Doc(v, { words: ["pre", "tokenized"] });
      unknown.hasUnknownSpaces = true;
      const last = new Doc(v, { words: ["x"], spaces: [false] });
      const back = roundTrip([empty, unknown, last]);
      assert.deepEqual(
        back.map((doc) => [doc.length, doc.text, doc.hasUnknownSpaces]),
        [
          [0, "", false],
          [2, "pre tokenized ", true],
          [1, "x", false],
        ],
      );
    });

    it("stores user data only when asked", () => {
      const doc = new Doc(vocab(), { words: ["hi"] });
      doc.userData = { source: "web", ids: [1, 2], nested: { score: 0.5, flag: true, none: null } };
      assert.deepEqual(roundTrip([doc], { storeUserData: true })[0]!.userData, doc.userData);
      assert.deepEqual(roundTrip([doc])[0]!.userData, {});
      assert.equal(DocBin.fromBytes(new DocBin({ storeUserData: true, docs: [doc] }).toBytes()).storeUserData, true);
    });

    it("stores only the chosen attributes, ORTH first and the rest in spaCy's id order", () => {
      const bin = new DocBin({ attrs: ["lemma", "TAG", "SPACY"] });
      assert.deepEqual(bin.attrs, [65, 73, 75]);
      const doc = annotatedDoc(vocab());
      bin.add(doc);
      const [back] = [...DocBin.fromBytes(bin.toBytes()).getDocs(vocab())];
      assert.deepEqual(back!.tags, doc.tags);
      assert.deepEqual(back!.lemmas, doc.lemmas);
      assert.deepEqual(back!.deps, new Array(doc.length).fill(""));
      assert.equal(back!.hasAnnotation("ENT_IOB"), false);
      assert.equal(back!.text, doc.text, "spaces travel even when SPACY is not an attribute");
    });

    it("reads docs lazily, one at a time", () => {
      const v = vocab();
      const bin = new DocBin({ docs: [new Doc(v, { words: ["one"] }), new Doc(v, { words: ["two"] })] });
      const payload = payloadOf(bin);
      payload.strings = (payload.strings as string[]).filter((text) => text !== "two");
      const broken = DocBin.fromBytes(docBinBytes(payload), "bad.spacy");
      const docs = broken.getDocs(vocab());
      assert.equal(docs.next().value?.text, "one ");
      expectDocBinError(() => docs.next(), /doc 1: token 0 has ORTH string id \d+, which is not among the file's strings/);
    });

    it("merges bins and refuses to merge bins that store different things", () => {
      const v = vocab();
      const a = new DocBin({ docs: [new Doc(v, { words: ["a"], tags: ["DT"] })] });
      const b = new DocBin({ docs: [new Doc(v, { words: ["b", "c"], tags: ["NN", "NN"] })] });
      a.merge(b);
      assert.equal(a.length, 2);
      assert.deepEqual(
        [...DocBin.fromBytes(a.toBytes()).getDocs(vocab())].map((doc) => doc.tags),
        [["DT"], ["NN", "NN"]],
      );
      assert.throws(() => a.merge(new DocBin({ attrs: ["TAG"] })), /different attributes/);
      assert.throws(() => a.merge(new DocBin({ storeUserData: true })), /user data/);
    });

    it("writes files atomically and reads them back", () => {
      const dir = mkdtempSync(join(tmpdir(), "docbin-"));
      try {
        const path = join(dir, "sub", "train.spacy");
        const doc = annotatedDoc(vocab());
        new DocBin({ docs: [doc] }).toDisk(path);
        assert.deepEqual(readdirSync(join(dir, "sub")), ["train.spacy"], "no temporary file is left behind");
        const bin = DocBin.fromDisk(path);
        assert.equal(bin.source, path);
        assert.deepEqual(snapshot([...bin.getDocs(vocab())][0]!), snapshot(doc));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("round-trips an empty bin", () => {
      const bin = DocBin.fromBytes(new DocBin().toBytes());
      assert.equal(bin.length, 0);
      assert.deepEqual([...bin.getDocs(vocab())], []);
    });
  });

  describe("layout", () => {
    it("sorts strings by code point, as Python does", () => {
      const texts = ["b", "\uff01", "😀", "a", "é"];
      assert.deepEqual([...texts].sort(compareCodePoints), ["a", "b", "é", "\uff01", "😀"]);
      const doc = new Doc(vocab(), { words: texts });
      const strings = payloadOf(new DocBin({ docs: [doc] })).strings as string[];
      assert.deepEqual(
        strings.filter((text) => texts.includes(text)),
        ["a", "b", "é", "\uff01", "😀"],
      );
      assert.equal(strings[0], "", "the empty string of unset annotations is stored too");
    });

    it("writes category scores as floats and span character offsets as code points", () => {
      const doc = new Doc(vocab(), { words: ["😀", "ok"] });
      doc.cats = { A: 1 };
      doc.spans.set("sc", [doc.span(1, 2, { label: "X" })]);
      const payload = inflateSync(new DocBin({ docs: [doc] }).toBytes());
      const floatOne = Buffer.from([0xa1, 0x41, 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
      assert.ok(payload.includes(floatOne), "cats {A: 1} is written as the float 1.0");
      const groups = unpackValue((payloadOf(new DocBin({ docs: [doc] })).span_groups as Uint8Array[])[0]!) as Record<string, string[]>;
      const [groupKey] = Object.keys(groups);
      const group = unpackValue(Buffer.from(groupKey!, "latin1")) as { spans: Uint8Array[] };
      const span = new DataView(group.spans[0]!.buffer, group.spans[0]!.byteOffset, 40);
      assert.deepEqual([span.getInt32(24), span.getInt32(28), span.getInt32(32), span.getInt32(36)], [1, 2, 2, 4], "start_char 2: the emoji is one character");
    });
  });

  describe("spaCy's files", () => {
    it("reads every doc of en_ewt-ud-dev.spacy with exactly the content spaCy reports", function () {
      const dir = join(needShared(this), "golden");
      const expected = readFileSync(join(dir, "en_ewt-ud-dev.spacy.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      const docs = [...DocBin.fromDisk(join(dir, "en_ewt-ud-dev.spacy")).getDocs(vocab())];
      assert.equal(docs.length, expected.length);
      docs.forEach((doc, d) => {
        compareWithSpacy(doc, expected[d], d);
      });
    });

    it("reads docbin_all_annotations.spacy: tokens, entities, span groups and cats", function () {
      const dir = join(needShared(this), "golden");
      const expected = JSON.parse(readFileSync(join(dir, "docbin_all_annotations.json"), "utf8"));
      const docs = [...DocBin.fromDisk(join(dir, "docbin_all_annotations.spacy")).getDocs(vocab())];
      assert.equal(docs.length, expected.length);
      docs.forEach((doc, d) => {
        compareWithSpacy(doc, expected[d], d);
        assert.deepEqual(
          doc.ents.map((ent) => [ent.start, ent.end, ent.label]),
          expected[d].ents,
        );
        assert.deepEqual(
          Object.fromEntries([...doc.spans].map(([key, group]) => [key, group.spans.map((span) => [span.start, span.end, span.label])])),
          expected[d].spans,
        );
        assert.deepEqual(doc.cats, expected[d].cats);
      });
    });

    for (const name of ["en_ewt-ud-dev.spacy", "docbin_all_annotations.spacy"]) {
      it(`writes ${name} back with a decompressed payload byte-identical to spaCy's`, function () {
        const spacyBytes = readFileSync(join(needShared(this), "golden", name));
        const read = DocBin.fromBytes(spacyBytes, name);
        const rewritten = new DocBin({ storeUserData: read.storeUserData, docs: read.getDocs(vocab()) });
        assert.equal(rewritten.length, read.length);
        assert.ok(Buffer.from(inflateSync(rewritten.toBytes())).equals(inflateSync(spacyBytes)), "rebuilt from Docs");
        assert.ok(Buffer.from(inflateSync(read.toBytes())).equals(inflateSync(spacyBytes)), "written straight from the read bin");
      });
    }
  });

  describe("bad input", () => {
    const valid = () => new DocBin({ docs: [annotatedDoc(vocab())] });

    it("a truncated file", () => {
      const bytes = valid().toBytes();
      expectDocBinError(() => DocBin.fromBytes(bytes.subarray(0, bytes.length >> 1), "bad.spacy"), /is truncated/);
    });

    it("an empty file", () => {
      expectDocBinError(() => DocBin.fromBytes(new Uint8Array(0), "bad.spacy"), /is empty/);
    });

    it("a file that is not zlib", () => {
      expectDocBinError(() => DocBin.fromBytes(Buffer.from('{"text": "not a docbin"}'), "bad.spacy"), /not zlib-compressed/);
    });

    it("zlib data that is not msgpack", () => {
      expectDocBinError(() => DocBin.fromBytes(deflateSync(Buffer.from([0xc1, 0x00])), "bad.spacy"), /not msgpack/);
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(["a", "list"]), "bad.spacy"), /not a msgpack map/);
    });

    it("a msgpack map without the keys of a DocBin", () => {
      expectDocBinError(() => DocBin.fromBytes(docBinBytes({ version: "0.1", attrs: [65] }), "bad.spacy"), /lacks the key 'tokens'/);
    });

    it("lengths that do not add up", () => {
      const payload = payloadOf(valid());
      payload.lengths = new Uint8Array(new Int32Array([5]).buffer);
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(payload), "bad.spacy"), /doc lengths add up to 5 tokens, but it has spaces for 9/);
      const shortTokens = payloadOf(valid());
      shortTokens.tokens = (shortTokens.tokens as Uint8Array).subarray(8);
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(shortTokens), "bad.spacy"), /token table has/);
      const fewerCats = payloadOf(valid());
      fewerCats.cats = [];
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(fewerCats), "bad.spacy"), /1 docs but 0 entries in 'cats'/);
    });

    it("a head outside its doc", () => {
      const payload = payloadOf(valid());
      const attrs = payload.attrs as number[];
      const tokens = new Uint8Array(payload.tokens as Uint8Array);
      const view = new DataView(tokens.buffer);
      const token = 2;
      view.setBigInt64((token * attrs.length + attrs.indexOf(79)) * 8, 40n, true);
      payload.tokens = tokens;
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(payload), "bad.spacy"), /doc 0: token 2 has a head 40 tokens away, outside the doc of 9 tokens/);
    });

    it("an attribute id tsnlp does not know", () => {
      const payload = payloadOf(valid());
      payload.attrs = [65, 72, ...(payload.attrs as number[]).slice(2)];
      expectDocBinError(() => DocBin.fromBytes(docBinBytes(payload), "bad.spacy"), /attribute id 72/);
    });

    it("a missing or misplaced file", () => {
      assert.throws(
        () => DocBin.fromDisk("/no/such/dir/train.spacy"),
        (error: TsnlpError) => error.code === "E_FILE_NOT_FOUND" && error.file === "/no/such/dir/train.spacy",
      );
      assert.throws(
        () => DocBin.fromDisk(tmpdir()),
        (error: TsnlpError) => error.code === "E_FILE_IS_DIRECTORY",
      );
    });

    it("a failed write leaves the old file in place", () => {
      const dir = mkdtempSync(join(tmpdir(), "docbin-"));
      try {
        const path = join(dir, "train.spacy");
        writeFileSync(path, "old");
        const bin = valid();
        const failing = Object.assign(Object.create(Object.getPrototypeOf(bin)), bin, {
          toBytes: () => {
            throw new Error("disk full");
          },
        }) as DocBin;
        assert.throws(() => failing.toDisk(path), /disk full/);
        assert.equal(readFileSync(path, "utf8"), "old");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("msgpack writer", () => {
    it("writes integers in their shortest form, as msgpack-python does", () => {
      const cases: Array<[number | bigint, number[]]> = [
        [5, [0x05]],
        [200, [0xcc, 200]],
        [452, [0xcd, 0x01, 0xc4]],
        [70000, [0xce, 0x00, 0x01, 0x11, 0x70]],
        [-3, [0xfd]],
        [-100, [0xd0, 0x9c]],
        [2n ** 63n, [0xcf, 0x80, 0, 0, 0, 0, 0, 0, 0]],
      ];
      for (const [value, bytes] of cases) {
        const writer = new MsgpackWriter();
        writer.int(value);
        assert.deepEqual([...writer.bytes()], bytes, `${value}`);
      }
    });

    it("writes str8 for strings of 32 to 255 bytes and reads back what it writes", () => {
      const text = "é".repeat(20);
      const bytes = packValue(text);
      assert.deepEqual([...bytes.subarray(0, 2)], [0xd9, 40]);
      const value = { a: [1, 2.5, "x", null, true], b: new Uint8Array([1, 2]), long: "z".repeat(70000) };
      assert.deepEqual(unpackValue(packValue(value)), value);
    });
  });
});

function compareWithSpacy(doc: Doc, expected: { text: string; tokens: Array<Record<string, unknown>> }, d: number): void {
  assert.equal(doc.text, expected.text, `doc ${d} text`);
  assert.equal(doc.length, expected.tokens.length, `doc ${d} length`);
  expected.tokens.forEach((token, i) => {
    const got = {
      text: doc.words[i],
      ws: doc.spaces[i] ? " " : "",
      tag: doc.tags[i],
      pos: doc.pos[i],
      lemma: doc.lemmas[i],
      morph: doc.morphs[i] === EMPTY_MORPH ? "" : doc.morphs[i],
      head: doc.heads[i],
      dep: doc.deps[i],
      ent_iob: doc.iobOf(i),
      ent_type: doc.entTypes[i],
      sent_start: doc.sentStarts[i] === 1 ? true : doc.sentStarts[i] === -1 ? false : null,
    };
    const wanted = Object.fromEntries(Object.keys(got).map((key) => [key, token[key]]));
    assert.deepEqual(got, wanted, `doc ${d} token ${i}`);
  });
}
