/**
 * English tokenizer exceptions: contractions, abbreviations, times. Data from spaCy v3.5.4
 * spacy/lang/en/tokenizer_exceptions.py; every entry also gets a variant with ’ for '.
 */
import { BASE_EXCEPTIONS } from "../base-exceptions.js";
import { mergeExceptions, type SpecialCaseToken, type TokenizerExceptions } from "../exceptions.js";

type Table = Record<string, readonly SpecialCaseToken[]>;

const tok = (ORTH: string, NORM?: string): SpecialCaseToken => (NORM === undefined ? { ORTH } : { ORTH, NORM });

const title = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A word as written in lower case and in title case. */
function cased(word: string): string[] {
  return [word, title(word)];
}

/** Strings that would be contractions but are far more often plain words ("ill", "were", "well"). */
const EXCLUDED = ["Ill", "ill", "Its", "its", "Hell", "hell", "Shell", "shell", "Shed", "shed", "were", "Were", "Well", "well", "Whore", "whore"];

function pronouns(exc: Table): void {
  for (const orth of cased("i")) {
    exc[`${orth}'m`] = [tok(orth, "i"), tok("'m", "am")];
    exc[`${orth}m`] = [tok(orth, "i"), tok("m")];
    exc[`${orth}'ma`] = [tok(orth, "i"), tok("'m", "am"), tok("a", "gonna")];
    exc[`${orth}ma`] = [tok(orth, "i"), tok("m", "am"), tok("a", "gonna")];
  }
  for (const pron of ["i", "you", "he", "she", "it", "we", "they"]) {
    for (const orth of cased(pron)) {
      exc[`${orth}'ll`] = [tok(orth, pron), tok("'ll", "will")];
      exc[`${orth}ll`] = [tok(orth, pron), tok("ll", "will")];
      exc[`${orth}'ll've`] = [tok(orth, pron), tok("'ll", "will"), tok("'ve", "have")];
      exc[`${orth}llve`] = [tok(orth, pron), tok("ll", "will"), tok("ve", "have")];
      exc[`${orth}'d`] = [tok(orth, pron), tok("'d", "'d")];
      exc[`${orth}d`] = [tok(orth, pron), tok("d", "'d")];
      exc[`${orth}'d've`] = [tok(orth, pron), tok("'d", "would"), tok("'ve", "have")];
      exc[`${orth}dve`] = [tok(orth, pron), tok("d", "would"), tok("ve", "have")];
    }
  }
  for (const pron of ["i", "you", "we", "they"]) {
    for (const orth of cased(pron)) {
      exc[`${orth}'ve`] = [tok(orth, pron), tok("'ve", "have")];
      exc[`${orth}ve`] = [tok(orth, pron), tok("ve", "have")];
    }
  }
  for (const pron of ["you", "we", "they"]) {
    for (const orth of cased(pron)) {
      exc[`${orth}'re`] = [tok(orth, pron), tok("'re", "are")];
      exc[`${orth}re`] = [tok(orth, pron), tok("re", "are")];
    }
  }
  for (const pron of ["he", "she", "it"]) {
    for (const orth of cased(pron)) {
      exc[`${orth}'s`] = [tok(orth, pron), tok("'s", "'s")];
      exc[`${orth}s`] = [tok(orth, pron), tok("s")];
    }
  }
}

function whWords(exc: Table): void {
  // Singular words take 's but not 're or 've; plural ones ("these", "those") the reverse.
  const words: Array<[string, "any" | "singular" | "plural"]> = [
    ["who", "any"],
    ["what", "any"],
    ["when", "any"],
    ["where", "any"],
    ["why", "any"],
    ["how", "any"],
    ["there", "any"],
    ["that", "singular"],
    ["this", "singular"],
    ["these", "plural"],
    ["those", "plural"],
  ];
  for (const [word, number] of words) {
    for (const orth of cased(word)) {
      if (number !== "plural") {
        exc[`${orth}'s`] = [tok(orth, word), tok("'s", "'s")];
        exc[`${orth}s`] = [tok(orth, word), tok("s")];
      }
      exc[`${orth}'ll`] = [tok(orth, word), tok("'ll", "will")];
      exc[`${orth}ll`] = [tok(orth, word), tok("ll", "will")];
      exc[`${orth}'ll've`] = [tok(orth, word), tok("'ll", "will"), tok("'ve", "have")];
      exc[`${orth}llve`] = [tok(orth, word), tok("ll", "will"), tok("ve", "have")];
      if (number !== "singular") {
        exc[`${orth}'re`] = [tok(orth, word), tok("'re", "are")];
        exc[`${orth}re`] = [tok(orth, word), tok("re", "are")];
        // spaCy's table is uneven here: the norm sits on the word for 've, on "ve" for the bare form.
        exc[`${orth}'ve`] = [tok(orth, word), tok("'ve")];
        exc[`${orth}ve`] = [tok(orth), tok("ve", "have")];
      }
      exc[`${orth}'d`] = [tok(orth, word), tok("'d", "'d")];
      exc[`${orth}d`] = [tok(orth, word), tok("d", "'d")];
      exc[`${orth}'d've`] = [tok(orth, word), tok("'d", "would"), tok("'ve", "have")];
      exc[`${orth}dve`] = [tok(orth, word), tok("d", "would"), tok("ve", "have")];
    }
  }
}

function verbs(exc: Table): void {
  // [orth, norm]: "ca" + "n't" is "can't", "wo" + "n't" is "won't", "sha" + "n't" is "shan't".
  const modals: Array<[string, string]> = [
    ["ca", "can"],
    ["could", "could"],
    ["do", "do"],
    ["does", "does"],
    ["did", "do"],
    ["had", "have"],
    ["may", "may"],
    ["might", "might"],
    ["must", "must"],
    ["need", "need"],
    ["ought", "ought"],
    ["sha", "shall"],
    ["should", "should"],
    ["wo", "will"],
    ["would", "would"],
  ];
  for (const [verb, norm] of modals) {
    for (const orth of cased(verb)) {
      exc[`${orth}n't`] = [tok(orth, norm), tok("n't", "not")];
      exc[`${orth}nt`] = [tok(orth, norm), tok("nt", "not")];
      exc[`${orth}n't've`] = [tok(orth, norm), tok("n't", "not"), tok("'ve", "have")];
      exc[`${orth}ntve`] = [tok(orth, norm), tok("nt", "not"), tok("ve", "have")];
    }
  }
  for (const verb of ["could", "might", "must", "should", "would"]) {
    for (const orth of cased(verb)) {
      exc[`${orth}'ve`] = [tok(orth, verb), tok("'ve")];
      exc[`${orth}ve`] = [tok(orth, verb), tok("ve")];
    }
  }
  const auxiliaries: Array<[string, string | undefined]> = [
    ["ai", undefined],
    ["are", "are"],
    ["is", "is"],
    ["was", "was"],
    ["were", "were"],
    ["have", "have"],
    ["has", "has"],
    ["dare", "dare"],
  ];
  for (const [verb, norm] of auxiliaries) {
    for (const orth of cased(verb)) {
      exc[`${orth}n't`] = [tok(orth, norm), tok("n't", "not")];
      exc[`${orth}nt`] = [tok(orth, norm), tok("nt", "not")];
    }
  }
}

function dropped(exc: Table): void {
  // Trailing apostrophe for a dropped "g" or "d": "doin'", "ol'".
  const trailing: Array<[string, string]> = [
    ["doin", "doing"],
    ["goin", "going"],
    ["nothin", "nothing"],
    ["nuthin", "nothing"],
    ["ol", "old"],
    ["somethin", "something"],
  ];
  for (const [word, norm] of trailing) {
    for (const orth of cased(word)) {
      exc[orth] = [tok(orth, norm)];
      exc[`${orth}'`] = [tok(`${orth}'`, norm)];
    }
  }
  // Leading apostrophe: "'em", "'nuff".
  const leading: Array<[string, string]> = [
    ["em", "them"],
    ["ll", "will"],
    ["nuff", "enough"],
  ];
  for (const [word, norm] of leading) {
    for (const orth of [word, `'${word}`]) exc[orth] = [tok(orth, norm)];
  }
}

function times(exc: Table): void {
  for (let hour = 1; hour <= 12; hour++) {
    for (const period of ["a.m.", "am"]) exc[`${hour}${period}`] = [tok(`${hour}`), tok(period, "a.m.")];
    for (const period of ["p.m.", "pm"]) exc[`${hour}${period}`] = [tok(`${hour}`), tok(period, "p.m.")];
  }
}

function other(exc: Table): void {
  Object.assign(exc, {
    "y'all": [tok("y'", "you"), tok("all")],
    yall: [tok("y", "you"), tok("all")],
    "how'd'y": [tok("how"), tok("'d"), tok("'y", "you")],
    "How'd'y": [tok("How", "how"), tok("'d"), tok("'y", "you")],
    "not've": [tok("not"), tok("'ve", "have")],
    notve: [tok("not"), tok("ve", "have")],
    "Not've": [tok("Not", "not"), tok("'ve", "have")],
    Notve: [tok("Not", "not"), tok("ve", "have")],
    cannot: [tok("can"), tok("not")],
    Cannot: [tok("Can", "can"), tok("not")],
    gonna: [tok("gon", "going"), tok("na", "to")],
    Gonna: [tok("Gon", "going"), tok("na", "to")],
    gotta: [tok("got"), tok("ta", "to")],
    Gotta: [tok("Got", "got"), tok("ta", "to")],
    "let's": [tok("let"), tok("'s", "us")],
    "Let's": [tok("Let", "let"), tok("'s", "us")],
    "c'mon": [tok("c'm", "come"), tok("on")],
    "C'mon": [tok("C'm", "come"), tok("on")],
  });
}

/** Single tokens with a norm: [orth, norm]. */
const NORMALIZED: Array<[string, string]> = [
  ["'S", "'s"],
  ["'s", "'s"],
  ["\u2018S", "'s"],
  ["\u2018s", "'s"],
  ["and/or", "and/or"],
  ["w/o", "without"],
  ["'re", "are"],
  ["'Cause", "because"],
  ["'cause", "because"],
  ["'cos", "because"],
  ["'Cos", "because"],
  ["'coz", "because"],
  ["'Coz", "because"],
  ["'cuz", "because"],
  ["'Cuz", "because"],
  ["'bout", "about"],
  ["ma'am", "madam"],
  ["Ma'am", "madam"],
  ["o'clock", "o'clock"],
  ["O'clock", "o'clock"],
  ["lovin'", "loving"],
  ["Lovin'", "loving"],
  ["lovin", "loving"],
  ["Lovin", "loving"],
  ["havin'", "having"],
  ["Havin'", "having"],
  ["havin", "having"],
  ["Havin", "having"],
  ["doin'", "doing"],
  ["Doin'", "doing"],
  ["doin", "doing"],
  ["Doin", "doing"],
  ["goin'", "going"],
  ["Goin'", "going"],
  ["goin", "going"],
  ["Goin", "going"],
  ["Mt.", "Mount"],
  ["Ak.", "Alaska"],
  ["Ala.", "Alabama"],
  ["Apr.", "April"],
  ["Ariz.", "Arizona"],
  ["Ark.", "Arkansas"],
  ["Aug.", "August"],
  ["Calif.", "California"],
  ["Colo.", "Colorado"],
  ["Conn.", "Connecticut"],
  ["Dec.", "December"],
  ["Del.", "Delaware"],
  ["Feb.", "February"],
  ["Fla.", "Florida"],
  ["Ga.", "Georgia"],
  ["Ia.", "Iowa"],
  ["Id.", "Idaho"],
  ["Ill.", "Illinois"],
  ["Ind.", "Indiana"],
  ["Jan.", "January"],
  ["Jul.", "July"],
  ["Jun.", "June"],
  ["Kan.", "Kansas"],
  ["Kans.", "Kansas"],
  ["Ky.", "Kentucky"],
  ["La.", "Louisiana"],
  ["Mar.", "March"],
  ["Mass.", "Massachusetts"],
  ["Mich.", "Michigan"],
  ["Minn.", "Minnesota"],
  ["Miss.", "Mississippi"],
  ["N.C.", "North Carolina"],
  ["N.D.", "North Dakota"],
  ["N.H.", "New Hampshire"],
  ["N.J.", "New Jersey"],
  ["N.M.", "New Mexico"],
  ["N.Y.", "New York"],
  ["Neb.", "Nebraska"],
  ["Nebr.", "Nebraska"],
  ["Nev.", "Nevada"],
  ["Nov.", "November"],
  ["Oct.", "October"],
  ["Okla.", "Oklahoma"],
  ["Ore.", "Oregon"],
  ["Pa.", "Pennsylvania"],
  ["S.C.", "South Carolina"],
  ["Sep.", "September"],
  ["Sept.", "September"],
  ["Tenn.", "Tennessee"],
  ["Va.", "Virginia"],
  ["Wash.", "Washington"],
  ["Wis.", "Wisconsin"],
];

/** Abbreviations kept whole, without a norm of their own. */
const ABBREVIATIONS = [
  "'d",
  "a.m.",
  "Adm.",
  "Bros.",
  "co.",
  "Co.",
  "Corp.",
  "D.C.",
  "Dr.",
  "e.g.",
  "E.g.",
  "E.G.",
  "Gen.",
  "Gov.",
  "i.e.",
  "I.e.",
  "I.E.",
  "Inc.",
  "Jr.",
  "Ltd.",
  "Md.",
  "Messrs.",
  "Mo.",
  "Mont.",
  "Mr.",
  "Mrs.",
  "Ms.",
  "p.m.",
  "Ph.D.",
  "Prof.",
  "Rep.",
  "Rev.",
  "Sen.",
  "St.",
  "vs.",
  "v.s.",
];

function build(): TokenizerExceptions {
  const exc: Table = {};
  pronouns(exc);
  whWords(exc);
  verbs(exc);
  dropped(exc);
  times(exc);
  other(exc);
  for (const [orth, norm] of NORMALIZED) exc[orth] = [tok(orth, norm)];
  for (const orth of ABBREVIATIONS) exc[orth] = [tok(orth)];
  for (const orth of EXCLUDED) delete exc[orth];
  return mergeExceptions(BASE_EXCEPTIONS, exc);
}

export const EN_EXCEPTIONS: TokenizerExceptions = build();
