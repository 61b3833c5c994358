/**
 * The language-neutral tokenizer exceptions: whitespace, single-letter abbreviations, emoticons
 * and a few symbols. Data from spaCy v3.5.4 spacy/lang/tokenizer_exceptions.py (BASE_EXCEPTIONS).
 */
import type { SpecialCaseToken, TokenizerExceptions } from "./exceptions.js";

const KEPT_WHOLE = [
  " ",
  "\t",
  "\\t",
  "\n",
  "\\n",
  "\u2014",
  "'",
  '\\")',
  "<space>",
  "''",
  "C++",
  ..."abcdefghijklmnopqrstuvwxyzäöü".split("").map((letter) => `${letter}.`),
];

export const EMOTICONS: readonly string[] = String.raw`
:) :-) :)) :-)) :))) :-))) (: (-: =) (= :] :-] [: [-: [= =] :o) (o: :} :-} 8) 8-) (-8 ;) ;-) (; (-; :( :-( :(( :-(( :((( :-(((
): )-: =( >:( :') :'-) :'( :'-( :/ :-/ =/ =| :| :-| ]= =[ :1 :P :-P :p :-p :O :-O :o :-o :0 :-0 :() >:o :* :-* :3 :-3 =3 :> :->
:X :-X :x :-x :D :-D ;D ;-D =D xD XD xDD XDD 8D 8-D ^_^ ^__^ ^___^ >.< >.> <.< ._. ;_; -_- -__- v.v V.V v_v V_V o_o o_O O_o O_O
0_o o_0 0_0 o.O O.o O.O o.o 0.0 o.0 0.o @_@ <3 <33 <333 </3 (^_^) (-_-) (._.) (>_<) (*_*) (¬_¬) ಠ_ಠ ಠ︵ಠ (ಠ_ಠ) ¯\(ツ)/¯ (╯°□°）╯︵┻━┻
><(((*>
`
  .split(/\s+/)
  .filter((emoticon) => emoticon !== "");

function build(): Record<string, readonly SpecialCaseToken[]> {
  const table: Record<string, readonly SpecialCaseToken[]> = {};
  for (const orth of [...KEPT_WHOLE, ...EMOTICONS]) table[orth] = [{ ORTH: orth }];
  // A non-breaking space is one token that normalizes to spaces.
  table["\u00a0"] = [{ ORTH: "\u00a0", NORM: "  " }];
  // Degrees before a unit and a period: no suffix rule may look behind a prefix, so these are exceptions.
  for (const unit of "cfkCFK") table[`°${unit}.`] = [{ ORTH: "°" }, { ORTH: unit }, { ORTH: "." }];
  return table;
}

export const BASE_EXCEPTIONS: TokenizerExceptions = build();
