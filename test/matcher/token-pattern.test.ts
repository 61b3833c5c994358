import { strict as assert } from "node:assert";
import { createVocab } from "../../src/lang/create.js";
import { compileTokenPattern, Matcher, Quantifier, type TokenPattern } from "../../src/matcher/index.js";
import { levenshteinCompare } from "../../src/matcher/levenshtein.js";
import { TsnlpError } from "../../src/util/errors.js";

const vocab = createVocab("en");

function compile(pattern: unknown) {
  let next = 0;
  return compileTokenPattern(pattern, { key: "KEY", patternIndex: 0, fuzzyCompare: levenshteinCompare, predicates: { add: () => next++ } });
}

/** The TsnlpError that adding `pattern` as the third pattern of 'RULE' raises. */
function faultOf(pattern: unknown): TsnlpError {
  const matcher = new Matcher(vocab);
  try {
    matcher.add("RULE", [[{ ORTH: "a" }], [{}], pattern as TokenPattern]);
  } catch (error) {
    assert.ok(error instanceof TsnlpError, `expected a TsnlpError, got ${error}`);
    assert.equal(error.code, "E_MATCH_PATTERN");
    return error;
  }
  assert.fail("the pattern was accepted");
}

describe("token patterns", () => {
  it("expand operators into spaCy's quantifier sequences", () => {
    const { ZERO, ZERO_ONE, ZERO_PLUS, ONE } = Quantifier;
    const quantifiers = (op?: string) => compile([{ ORTH: "x", ...(op === undefined ? {} : { OP: op }) }]).map((node) => node.quantifier);
    assert.deepEqual(quantifiers(), [ONE]);
    assert.deepEqual(quantifiers("!"), [ZERO]);
    assert.deepEqual(quantifiers("?"), [ZERO_ONE]);
    assert.deepEqual(quantifiers("*"), [ZERO_PLUS]);
    assert.deepEqual(quantifiers("+"), [ONE, ZERO_PLUS]);
    assert.deepEqual(quantifiers("{3}"), [ONE, ONE, ONE]);
    assert.deepEqual(quantifiers("{1,3}"), [ONE, ZERO_ONE, ZERO_ONE]);
    assert.deepEqual(quantifiers("{2,}"), [ONE, ONE, ZERO_PLUS]);
    assert.deepEqual(quantifiers("{,2}"), [ZERO_ONE, ZERO_ONE]);
    assert.deepEqual(
      compile([{ ORTH: "a" }, { OP: "{0}" }, { ORTH: "b" }]).map((node) => node.tokenIdx),
      [0, 2],
    );
  });

  it("read attribute names in any case, with TEXT and IS_SENT_START as aliases", () => {
    const [node] = compile([{ text: "Hi", Lower: "hi", is_sent_start: true, ent_iob: "B", length: 2 }]);
    assert.deepEqual(node!.exact, [
      ["ORTH", "Hi"],
      ["LOWER", "hi"],
      ["SENT_START", true],
      ["ENT_IOB", 3],
      ["LENGTH", 2],
    ]);
  });

  it("name the key, pattern, token and attribute of an unknown attribute, with the valid choices", () => {
    const error = faultOf([{ ORTH: "a" }, { LOWR: "b" }]);
    assert.match(error.message, /'RULE' \(pattern 2, token 1\): unknown attribute 'LOWR'\. Did you mean 'LOWER'/);
    assert.match(error.hint ?? "", /Valid attributes: .*IS_ALPHA.*LOWER.*ORTH/);
  });

  it("refuse bad operators with the valid forms", () => {
    for (const op of ["++", "{2,1}", "{}", "{,}", "{a}", "1"]) {
      const error = faultOf([{ ORTH: "a", OP: op }]);
      assert.match(error.message, /token 0\): bad operator/, op);
      assert.match(error.hint ?? "", /"\{n,m\}"/);
    }
    assert.match(faultOf([{ OP: 2 }]).message, /OP must be a string/);
  });

  it("refuse values of the wrong type for the attribute", () => {
    assert.match(faultOf([{ ORTH: 3 }]).message, /'ORTH' takes a string or a dict of operators, got number 3/);
    assert.match(faultOf([{ IS_PUNCT: "yes" }]).message, /'IS_PUNCT' takes true or false/);
    assert.match(faultOf([{ LENGTH: "3" }]).message, /'LENGTH' takes a number/);
    assert.match(faultOf([{ ENT_IOB: "X" }]).message, /'ENT_IOB' takes "B", "I", "O", "" or 0-3/);
    assert.match(faultOf([{ LOWER: null }]).message, /null is not allowed/);
    assert.match(faultOf([{ LOWER: { IN: "abc" } }]).message, /IN in 'LOWER' takes a list of strings/);
    assert.match(faultOf([{ LENGTH: { IN: ["1"] } }]).message, /takes a list of integers/);
    assert.match(faultOf([{ LENGTH: { ">=": "2" } }]).message, /'>=' in 'LENGTH' takes a number/);
  });

  it("refuse unknown operators in value dicts, saying where comparisons apply", () => {
    const error = faultOf([{ LOWER: { ">=": "a" } }]);
    assert.match(error.message, /unknown operator '>=' in 'LOWER'\. Comparisons apply to LENGTH only/);
    assert.match(error.hint ?? "", /REGEX, IN, NOT_IN/);
    assert.match(faultOf([{ LOWER: { INN: ["a"] } }]).message, /Did you mean 'IN'/);
    assert.match(faultOf([{ LOWER: { REGEX: { IS_SUBSET: ["a"] } } }]).message, /unknown operator 'IS_SUBSET' in 'LOWER' -> REGEX/);
  });

  it("refuse invalid regular expressions, empty patterns, non-dict specs and extension attributes", () => {
    assert.match(faultOf([{ TEXT: { REGEX: "(unclosed" } }]).message, /regular expression in 'TEXT' is invalid/);
    assert.match(faultOf([]).message, /\(pattern 2\): the pattern is empty/);
    assert.match(faultOf(["word"]).message, /token 0\): expected a dict, got string "word"/);
    assert.match(faultOf({ ORTH: "a" }).message, /expected a list of token specs/);
    assert.match(faultOf([{ _: { custom: true } }]).message, /extension attributes/);
    assert.match(faultOf([{ OP: "{0}" }]).message, /can match nothing/);
  });
});
