// Expected tokenizations are spaCy's (spacy.blank("en") / spacy.blank("xx")) for the same strings.
import assert from "node:assert/strict";
import { Registry } from "../../src/registry/registry.js";
import { registerTokenizers } from "../../src/registry/builtins/tokenizers.js";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { getLanguageDefaults, LANGUAGES_WITH_DATA } from "../../src/lang/defaults.js";
import { likeNumEn } from "../../src/lang/en/lex-attrs.js";
import { mergeExceptions } from "../../src/lang/exceptions.js";
import { registerLanguageFunctions, type TokenizerFactory } from "../../src/lang/register.js";
import { type TokenizedText, Tokenizer } from "../../src/lang/tokenizer.js";
import { urlMatch } from "../../src/lang/url-match.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { isTsnlpError } from "../../src/util/errors.js";

const en = createTokenizer(createVocab("en"), "en");
const xx = createTokenizer(createVocab("xx"), "xx");

function words(tokenizer: Tokenizer, text: string): string[] {
  return tokenizer.split(text).words;
}

/** The text back from words and spaces: tokenization never loses or adds a character. */
function rejoin({ words, spaces }: TokenizedText): string {
  return words.map((word, i) => (spaces[i] ? `${word} ` : word)).join("");
}

function check(tokenizer: Tokenizer, cases: Array<[string, string[]]>): void {
  for (const [text, expected] of cases) {
    const out = tokenizer.split(text);
    assert.deepEqual(out.words, expected, JSON.stringify(text));
    assert.equal(rejoin(out), text);
  }
}

describe("lang/tokenizer", () => {
  describe("English", () => {
    it("splits prefixes and suffixes", () => {
      check(en, [
        ["(hello)", ["(", "hello", ")"]],
        ["Hello, world!", ["Hello", ",", "world", "!"]],
        ["Hi!!!", ["Hi", "!", "!", "!"]],
        ['"quoted"', ['"', "quoted", '"']],
        ["'single'", ["'", "single", "'"]],
        ["$100", ["$", "100"]],
        ["US$5", ["US$", "5"]],
        ["100km", ["100", "km"]],
        ["5%", ["5", "%"]],
        ["ABC.", ["ABC", "."]],
        ["abc.", ["abc", "."]],
        ["—dash—", ["—", "dash", "—"]],
        ["#hashtag", ["#", "hashtag"]],
        ["5'11\"", ["5'11", '"']],
        ["20°C.", ["20", "°", "C", "."]],
      ]);
    });

    it("splits infixes", () => {
      check(en, [
        ["well-known", ["well", "-", "known"]],
        ["3-year", ["3", "-", "year"]],
        ["hello...world", ["hello", "...", "world"]],
        ["hello—world", ["hello", "—", "world"]],
        ["yes/no", ["yes", "/", "no"]],
        ["3+4", ["3", "+", "4"]],
        ["Wait—what?", ["Wait", "—", "what", "?"]],
        ["12:30", ["12:30"]],
        ["1/2", ["1/2"]],
        ["rock'n'roll", ["rock'n'roll"]],
      ]);
    });

    it("applies special cases, with their norms", () => {
      check(en, [
        ["don't", ["do", "n't"]],
        ["Don't!", ["Do", "n't", "!"]],
        ["can't", ["ca", "n't"]],
        ["won't", ["wo", "n't"]],
        ["I'm", ["I", "'m"]],
        ["they'll've", ["they", "'ll", "'ve"]],
        ["Let's go", ["Let", "'s", "go"]],
        ["gonna", ["gon", "na"]],
        ["y'all", ["y'", "all"]],
        ["It’s", ["It", "’s"]],
        ["Mr. Smith", ["Mr.", "Smith"]],
        ["U.S.", ["U.S."]],
        ["(U.S.)", ["(", "U.S.", ")"]],
        ["U.K.'s", ["U.K.", "'s"]],
        ["e.g.,", ["e.g.", ","]],
        ["Ph.D.", ["Ph.D."]],
        ["3pm", ["3", "pm"]],
        ["10a.m.", ["10", "a.m."]],
        ["and/or", ["and/or"]],
        ["o'clock", ["o'clock"]],
        ["C++", ["C++"]],
      ]);
      assert.deepEqual(en.split("don't").norms, ["do", "not"]);
      assert.deepEqual(en.split("can't").norms, ["can", "not"]);
      assert.deepEqual(en.split("3pm").norms, [undefined, "p.m."]);
      assert.deepEqual(en.split("Let's").norms, ["let", "us"]);
      assert.deepEqual(en.split("w/o").norms, ["without"]);
      assert.deepEqual(en.split("hello world").norms, [undefined, undefined]);
    });

    it("keeps URLs and e-mail addresses whole", () => {
      check(en, [
        ["Visit https://example.com/path?q=1.", ["Visit", "https://example.com/path?q=1", "."]],
        ["www.google.com", ["www.google.com"]],
        ["foo@bar.com", ["foo@bar.com"]],
        ["mail me: foo.bar@baz.co.uk!", ["mail", "me", ":", "foo.bar@baz.co.uk", "!"]],
      ]);
      assert.equal(urlMatch("https://example.com/a-b"), true);
      assert.equal(urlMatch("hello"), false);
      assert.equal(urlMatch("http://192.168.0.1"), false);
    });

    it("keeps emoticons whole, also when punctuation splitting broke them apart", () => {
      check(en, [
        [":)", [":)"]],
        ["x:)", ["x", ":)"]],
        ["(:", ["(:"]],
        ["I <3 you", ["I", "<3", "you"]],
        ["¯\\(ツ)/¯", ["¯\\(ツ)/¯"]],
        ["^_^", ["^_^"]],
      ]);
    });
  });

  describe("whitespace", () => {
    it("makes the empty string no tokens", () => {
      assert.deepEqual(en.split(""), { words: [], spaces: [], norms: [] });
      assert.equal(en.call("").length, 0);
    });

    it("makes extra whitespace into tokens and a single space into a trailing-space flag", () => {
      const cases: Array<[string, string[], boolean[]]> = [
        ["a b", ["a", "b"], [true, false]],
        ["a  b", ["a", " ", "b"], [true, false, false]],
        [" a", [" ", "a"], [false, false]],
        ["a ", ["a"], [true]],
        ["a  ", ["a", " "], [true, false]],
        ["  ", ["  "], [false]],
        ["a\nb", ["a", "\n", "b"], [false, false, false]],
        ["a \n b", ["a", "\n ", "b"], [true, false, false]],
        ["a\tb", ["a", "\t", "b"], [false, false, false]],
        ["a\u00a0b", ["a", "\u00a0", "b"], [false, false, false]],
        ["a\u3000b", ["a", "\u3000", "b"], [false, false, false]],
      ];
      for (const [text, expectedWords, expectedSpaces] of cases) {
        const out = en.split(text);
        assert.deepEqual(out.words, expectedWords, JSON.stringify(text));
        assert.deepEqual(out.spaces, expectedSpaces, JSON.stringify(text));
        assert.equal(rejoin(out), text);
      }
      // A non-breaking space is a special case with a norm of two spaces.
      assert.deepEqual(en.split("a\u00a0b").norms, [undefined, "  ", undefined]);
    });

    it("treats whitespace as Python does: U+001C-U+001F and U+0085 are whitespace, U+FEFF is not", () => {
      assert.deepEqual(words(en, "a\u001cb"), ["a", "\u001c", "b"]);
      assert.deepEqual(words(en, "a\u0085b"), ["a", "\u0085", "b"]);
      assert.deepEqual(words(en, "a\ufeffb"), ["a\ufeffb"]);
    });
  });

  describe("other languages", () => {
    it("uses the neutral rules for xx and unknown codes", () => {
      check(xx, [
        ["don't", ["don't"]],
        ["3-year", ["3-year"]],
        ["Mr. Smith", ["Mr", ".", "Smith"]],
        ["e.g.,", ["e.g", ".", ","]],
        ["and/or", ["and", "/", "or"]],
        ["’s", ["’", "s"]],
        ["x:)", ["x", ":)"]],
        ["well-known", ["well", "-", "known"]],
      ]);
      const unknown = createTokenizer(createVocab("tlh"), "tlh");
      assert.deepEqual(words(unknown, "3-year don't"), ["3-year", "don't"]);
      assert.equal(getLanguageDefaults("tlh").lang, "tlh");
      assert.equal(getLanguageDefaults("tlh").stopWords.size, 0);
    });

    it("gives German, French, Spanish, Italian, Dutch and Portuguese their stop words", () => {
      const samples: Record<string, string> = { de: "und", fr: "les", es: "porque", it: "della", nl: "het", pt: "também" };
      for (const [lang, word] of Object.entries(samples)) {
        assert.ok(LANGUAGES_WITH_DATA.includes(lang));
        const defaults = getLanguageDefaults(lang);
        assert.ok(defaults.stopWords.has(word), `${lang}: ${word}`);
        assert.ok(defaults.stopWords.size > 300, lang);
        assert.deepEqual(words(createTokenizer(createVocab(lang), lang), "Hallo, Welt!"), ["Hallo", ",", "Welt", "!"]);
      }
      assert.ok(getLanguageDefaults("en").stopWords.has("n’t"));
      assert.ok(getLanguageDefaults("en").stopWords.has("whereupon"));
      assert.ok(!getLanguageDefaults("en").stopWords.has("dog"));
    });

    it("marks English number words like_num", () => {
      for (const text of ["ten", "Tenth", "1/2", "21st", "1,000", "+7", "3.5", "bazillion", "²"]) assert.ok(likeNumEn(text), text);
      for (const text of ["dog", "1/2/3", "st", "", "tenths"]) assert.ok(!likeNumEn(text), text);
      const vocab = createVocab("en");
      assert.equal(vocab.lexAttrs.likeNum("seven"), true);
      assert.equal(createVocab("de").lexAttrs.likeNum("seven"), false);
    });
  });

  describe("custom rules", () => {
    const vocab = new Vocab();

    it("splits with the prefixes, suffixes, infixes and exceptions given", () => {
      const tokenizer = new Tokenizer({
        vocab,
        rules: {
          prefixes: ["\\$", /¿/],
          suffixes: ["%", "\\?"],
          infixes: ["-", "~"],
          exceptions: { gimme: [{ ORTH: "gim", NORM: "give" }, { ORTH: "me" }] },
        },
      });
      check(tokenizer, [
        ["$5%", ["$", "5", "%"]],
        ["¿what?", ["¿", "what", "?"]],
        ["a-b~c", ["a", "-", "b", "~", "c"]],
        ["-ab", ["-ab"]],
        ["gimme?", ["gim", "me", "?"]],
        ["hello.", ["hello."]],
      ]);
      assert.deepEqual(tokenizer.split("gimme").norms, ["give", undefined]);
    });

    it("accepts ready regexes, and no rules at all", () => {
      const tokenizer = new Tokenizer({ vocab, rules: { prefixes: /^[([]/, suffixes: /[)\]]$/, infixes: /,/ } });
      check(tokenizer, [["([a,b])", ["(", "[", "a", ",", "b", "]", ")"]]]);
      const bare = new Tokenizer({ vocab });
      check(bare, [["(don't) stop", ["(don't)", "stop"]]]);
    });

    it("reports an invalid rule", () => {
      assert.throws(
        () => new Tokenizer({ vocab, rules: { prefixes: ["\\!"] } }),
        (error: unknown) => isTsnlpError(error) && error.code === "E_TOKENIZER_RULE",
      );
    });

    it("adds special cases later, and checks them", () => {
      const tokenizer = createTokenizer(vocab, "en");
      assert.deepEqual(words(tokenizer, "lemme see"), ["lemme", "see"]);
      tokenizer.addSpecialCase("lemme", [{ ORTH: "lem", NORM: "let" }, { ORTH: "me" }]);
      assert.deepEqual(tokenizer.split("(lemme) see"), {
        words: ["(", "lem", "me", ")", "see"],
        spaces: [false, false, false, true, false],
        norms: [undefined, "let", undefined, undefined, undefined],
      });
      assert.deepEqual(tokenizer.rules.get("lemme"), [{ ORTH: "lem", NORM: "let" }, { ORTH: "me" }]);
      const fault = (code: string) => (error: unknown) => isTsnlpError(error) && error.code === code;
      assert.throws(() => tokenizer.addSpecialCase("lemme", [{ ORTH: "lem" }, { ORTH: "mee" }]), fault("E_TOKENIZER_SPECIAL_CASE"));
      assert.throws(() => tokenizer.addSpecialCase("lemme", []), fault("E_TOKENIZER_SPECIAL_CASE"));
      assert.throws(() => tokenizer.addSpecialCase("lemme", [{ ORTH: "lemme", TAG: "VB" } as never]), fault("E_TOKENIZER_SPECIAL_CASE"));
      assert.throws(() => mergeExceptions({}, { ab: [{ ORTH: "a" }] }), fault("E_TOKENIZER_SPECIAL_CASE"));
    });

    it("restores special cases with affixes or spaces across tokens", () => {
      const tokenizer = createTokenizer(vocab, "en");
      tokenizer.addSpecialCase("New York", [{ ORTH: "New York", NORM: "NYC" }]);
      tokenizer.addSpecialCase("(*)", [{ ORTH: "(*)" }]);
      assert.deepEqual(tokenizer.split("I love New York!"), {
        words: ["I", "love", "New York", "!"],
        spaces: [true, true, false, false],
        norms: [undefined, undefined, "NYC", undefined],
      });
      assert.deepEqual(words(tokenizer, "New  York"), ["New", " ", "York"]);
      assert.deepEqual(words(tokenizer, "a(*)b"), ["a(*)b"]);
      assert.deepEqual(words(tokenizer, "see (*)."), ["see", "(*)", "."]);
      const thorough = new Tokenizer({ vocab, rules: getLanguageDefaults("en").tokenizerRules, fasterHeuristics: false });
      for (const text of ["x:) don't (U.S.) e.g., 3pm", "I <3 you...", "Mr.. Smith"]) assert.deepEqual(thorough.split(text), en.split(text));
    });

    it("keeps token_match strings whole before splitting affixes, url_match ones after", () => {
      const rules = getLanguageDefaults("en").tokenizerRules;
      const tagged = new Tokenizer({ vocab, rules: { ...rules, tokenMatch: /#\w+/ } });
      // Like Python's re.match, the pattern need only match at the start of the string.
      check(tagged, [
        ["#hashtag", ["#hashtag"]],
        ["#hashtag!", ["#hashtag!"]],
        ["(#tag)", ["(", "#tag", ")"]],
        ["#a-b", ["#a-b"]],
      ]);
      const noUrls = new Tokenizer({ vocab, rules: { ...rules, urlMatch: null } });
      check(noUrls, [
        ["https://example.com/a-b", ["https://example.com", "/", "a", "-", "b"]],
        ["foo@bar.com", ["foo@bar.com"]],
      ]);
      check(en, [["https://example.com/a-b", ["https://example.com/a-b"]]]);
      const byFunction = new Tokenizer({ vocab, rules: { ...rules, tokenMatch: (text) => text.startsWith("<<") } });
      check(byFunction, [["<<a-b>>", ["<<a-b>>"]]]);
    });
  });

  describe("the tokenizer object", () => {
    it("explains each token", () => {
      assert.deepEqual(en.explain("(don't)"), [
        ["PREFIX", "("],
        ["SPECIAL-1", "do"],
        ["SPECIAL-2", "n't"],
        ["SUFFIX", ")"],
      ]);
      assert.deepEqual(en.explain("x:) hi-there  https://a.com"), [
        ["TOKEN", "x"],
        ["SPECIAL-1", ":)"],
        ["TOKEN", "hi"],
        ["INFIX", "-"],
        ["TOKEN", "there"],
        ["URL_MATCH", "https://a.com"],
      ]);
    });

    it("gives the same tokens from a warm cache", () => {
      const tokenizer = createTokenizer(createVocab("en"), "en");
      const text = "Hello, Mr. Smith! Don't you (U.S.) people love 3pm e-mails at foo@bar.com?? :)";
      const first = tokenizer.split(text);
      assert.deepEqual(tokenizer.split(text), first);
      assert.deepEqual(tokenizer.split(`${text} ${text}`).words, [...first.words, ...first.words]);
    });

    it("makes Docs", () => {
      const doc = en.call("I can't  stop.");
      assert.equal(doc.text, "I can't  stop.");
      assert.deepEqual(
        doc.lexemes.map((lexeme) => lexeme.orth),
        ["I", "ca", "n't", " ", "stop", "."],
      );
      assert.deepEqual(doc.norms, [undefined, "can", "not", undefined, undefined, undefined]);
      assert.deepEqual(
        [...en.pipe(["a b", "c"])].map((d) => d.text),
        ["a b", "c"],
      );
    });

    it("saves and loads its rules", () => {
      const data = JSON.parse(JSON.stringify(en.toJSON()));
      assert.equal(Object.keys(data.exceptions).length, en.rules.size);
      assert.equal(typeof data.urlMatch, "string");
      const loaded = Tokenizer.fromJSON(new Vocab(), data);
      const text = "Visit https://example.com/a-b, don't (U.S.) x:) 3-year 5km…";
      assert.deepEqual(loaded.split(text), en.split(text));
    });

    it("is what spacy.Tokenizer.v1 builds", () => {
      const registry = new Registry();
      registerTokenizers(registry);
      registerLanguageFunctions(registry);
      const build = registry.get("tokenizers", "spacy.Tokenizer.v1").build;
      assert.ok(build);
      const factory = build({}, []) as TokenizerFactory;
      const tokenizer = factory({ vocab: createVocab("en"), lang: "en" });
      assert.deepEqual(words(tokenizer, "don't"), ["do", "n't"]);
      assert.deepEqual(words(factory({ vocab: createVocab("fr"), lang: "fr" }), "don't"), ["don't"]);
    });
  });
});
