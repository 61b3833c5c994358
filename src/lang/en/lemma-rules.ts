/**
 * Small English tables for the rule-based lemmatizer, written for tsnlp (spaCy takes its
 * tables from spacy-lookups-data, which tsnlp does not ship). They have the shape spaCy's
 * rule mode reads (spacy/pipeline/lemmatizer.py): per universal POS,
 *
 * - `lemma_rules`: [old suffix, new suffix] pairs. Every rule that fits makes a candidate;
 *   candidates in the index win, otherwise the first candidate in rule order does, so the
 *   rules are listed most telling first (specific endings before the plain "s", "ed", "ing").
 *   The last rule of each list, ["", ""], makes the lowercased word the last resort;
 * - `lemma_index`: known lemmas that settle between candidates, chiefly verbs whose base ends
 *   in "e" where the endings do not tell ("created": "create", not "creat");
 * - `lemma_exc`: irregular forms ("went": "go", "mice": "mouse", "better": "good"), and the
 *   auxiliaries, pronouns and determiners whose lemmas UD English gives ("is": "be", "me": "I").
 *
 * Coverage: regular noun plurals; verb -s, -ed and -ing forms, with consonant doubling
 * ("stopped", "running") and e-restoration by ending ("moved", "making", "used"); adjective
 * -er and -est, with -ier/-iest and doubling ("bigger"); about 200 irregular verb forms, 50
 * irregular noun plurals, nouns that UD keeps plural ("regards", "troops"), the irregular
 * comparatives, and UD's lemmas for auxiliaries, personal pronouns, "an", "these", "n't".
 * The rules need token.pos, and base forms are told by morphology (src/pipes/lemmatizer-en.ts):
 * without morphological features every noun, verb and adjective goes through the rules. Words
 * outside these lists can get a wrong lemma when their ending misleads ("developed" is in the
 * index; a rarer "enveloped" is not). With gold POS and morphology the English lemmatizer gets
 * 97.4% of UD English EWT dev lemmas right (97.2% of test; lowercasing alone: 75%); most misses
 * are proper adjectives ("Israeli"), which spaCy's rule mode lowercases, and typos.
 */

/** Whitespace-separated words as a list. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/** Exceptions as "form:lemma" pairs, several lemmas as "form:first,second". */
function exceptions(text: string): Record<string, string[]> {
  return Object.fromEntries(
    words(text).map((pair) => {
      const at = pair.indexOf(":");
      return [pair.slice(0, at), pair.slice(at + 1).split(",")];
    }),
  );
}

/** [old, new] pairs written "old>new" ("ies>y", "s>"). */
function rules(text: string): Array<[string, string]> {
  return [...words(text).map((rule) => rule.split(">") as [string, string]), ["", ""]];
}

const NOUN_RULES = rules(`
  men>man ies>y sses>ss shes>sh ches>ch xes>x zzes>zz oes>o
  s>
  ses>s zes>z ves>f ves>fe
`);

const VERB_RULES = rules(`
  ss>ss eed>eed
  ies>y ied>y sses>ss shes>sh ches>ch xes>x zzes>zz oes>o
  s>
  bbed>b gged>g mmed>m nned>n pped>p rred>r tted>t zzed>zz eed>ee
  ved>ve ced>ce zed>ze ued>ue thed>the
  eated>eat oated>oat ated>ate uded>ude aided>aid oided>oid ided>ide oaded>oad eaded>ead aded>ade ooded>ood oded>ode
  oured>our ured>ure eared>ear ared>are aired>air ired>ire
  ooked>ook eaked>eak oaked>oak iked>ike aked>ake oked>oke
  ooted>oot outed>out uted>ute oted>ote leted>lete
  osed>ose ased>ase used>use ised>ise nsed>nse psed>pse rsed>rse
  rged>rge dged>dge lged>lge aged>age eged>ege iged>ige nged>nge ibed>ibe obed>obe
  bled>ble cled>cle dled>dle fled>fle gled>gle kled>kle pled>ple tled>tle zled>zle
  uled>ule ailed>ail oiled>oil iled>ile yled>yle ealed>eal aled>ale ooled>ool oled>ole
  aped>ape iped>ipe ooped>oop oped>ope yped>ype
  uned>une ained>ain oined>oin ined>ine
  aimed>aim eamed>eam amed>ame imed>ime oomed>oom omed>ome umed>ume
  ed>
  dded>d lled>l ed>e
  bbing>b gging>g mming>m nning>n pping>p rring>r tting>t zzing>zz
  ving>ve cing>ce zing>ze uing>ue thing>the
  eating>eat oating>oat ating>ate uding>ude aiding>aid oiding>oid iding>ide oading>oad eading>ead ading>ade ooding>ood oding>ode
  ouring>our uring>ure earing>ear aring>are airing>air iring>ire
  ooking>ook eaking>eak oaking>oak iking>ike aking>ake oking>oke
  ooting>oot outing>out uting>ute oting>ote leting>lete
  osing>ose asing>ase using>use ising>ise nsing>nse psing>pse rsing>rse
  rging>rge dging>dge lging>lge aging>age eging>ege iging>ige ibing>ibe obing>obe
  bling>ble cling>cle dling>dle fling>fle gling>gle kling>kle pling>ple tling>tle zling>zle
  uling>ule ailing>ail oiling>oil iling>ile yling>yle ealing>eal aling>ale ooling>ool oling>ole
  aping>ape iping>ipe ooping>oop oping>ope yping>ype
  uning>une aining>ain oining>oin ining>ine
  aiming>aim eaming>eam aming>ame iming>ime ooming>oom oming>ome uming>ume
  ing>
  dding>d lling>l ing>e
`);

const ADJ_RULES = rules(`
  ier>y iest>y
  gger>g ggest>g dder>d ddest>d tter>t ttest>t nner>n nnest>n mmer>m mmest>m
  bler>ble blest>ble pler>ple plest>ple tler>tle tlest>tle dler>dle dlest>dle
  nger>ng ngest>ng rger>rge rgest>rge cer>ce cest>ce ser>se sest>se
  eater>eat eatest>eat ater>ate atest>ate iter>ite itest>ite uter>ute utest>ute oter>ote otest>ote
  iner>ine inest>ine earer>ear earest>ear airer>air airest>air oorer>oor oorest>oor rer>re rest>re
  eer>ee eest>ee uer>ue uest>ue
  er> est>
  er>e est>e
`);

const NOUN_INDEX = words(`
  movie cookie tie pie lie calorie rookie zombie hippie selfie brownie goalie auntie prairie smoothie sweetie
  freebie newbie techie hoodie cutie genie pixie birdie
  shoe toe canoe foe oboe hoe horseshoe tiptoe
  headache ache niche cache avalanche moustache mustache cliche psyche quiche
  bus gas lens virus bonus campus status census bias alias atlas canvas iris chorus circus plus minus
  surplus apparatus consensus fetus focus genus hiatus octopus prospectus syllabus walrus sinus onus
  waltz blitz quartz
  leaf half wolf shelf self thief loaf calf elf scarf hoof dwarf
  knife life wife
`);

const VERB_INDEX = words(`
  create write invite cite excite unite ignite recite bite expedite
  compete delete waste paste taste baste
  ignore store explore score restore adore bore snore implore deplore
  precede concede recede supersede
  interfere adhere revere persevere
  phone clone zone postpone atone hone
  change arrange challenge exchange range plunge lunge cringe hinge singe binge
  develop envelop gallop
  embed shred bid nod plod prod wed forbid kid skid pad
  control cancel travel label compel enrol patrol model fuel signal total level excel expel propel repel
  dispel rebel counsel channel tunnel marvel quarrel equal dial pencil
  die lie tie vie
  ache
  age
  agree free guarantee decree referee flee
  extradite expedite
  focus bias
  visit edit limit exhibit inherit credit benefit audit deposit exit
`);

const ADJ_INDEX = words(`
  wide safe brave grave ripe rude crude huge vague pale stale tame lame sane strange late nice close wise
  loose dense tense fine rare pure sure severe sincere simple gentle noble able subtle idle humble feeble
  free true blue cute white polite remote large little mature obscure secure divine supreme intense
  extreme handsome odd
`);

const NOUN_EXC = exceptions(`
  children:child feet:foot teeth:tooth geese:goose mice:mouse lice:louse oxen:ox dice:die
  criteria:criterion phenomena:phenomenon analyses:analysis crises:crisis theses:thesis
  hypotheses:hypothesis diagnoses:diagnosis parentheses:parenthesis synopses:synopsis oases:oasis
  emphases:emphasis indices:index matrices:matrix appendices:appendix vertices:vertex
  cacti:cactus fungi:fungus nuclei:nucleus radii:radius stimuli:stimulus syllabi:syllabus
  alumni:alumnus larvae:larva formulae:formula antennae:antenna vertebrae:vertebra
  quizzes:quiz corpora:corpus genera:genus bacteria:bacterium curricula:curriculum
  memoranda:memorandum strata:stratum millennia:millennium spectra:spectrum
  series:series species:species sheep:sheep fish:fish deer:deer aircraft:aircraft means:means
  people:people data:data media:media grandchildren:grandchild
  regards:regards troops:troops politics:politics supplies:supplies grounds:grounds clothes:clothes
  goods:goods headquarters:headquarters thanks:thanks contents:contents manners:manners
  whereabouts:whereabouts finances:finances pants:pants jeans:jeans proceedings:proceedings
  savings:savings economics:economics surroundings:surroundings remains:remains trousers:trousers
  scissors:scissors
`);

const VERB_EXC = exceptions(`
  is:be are:be am:be was:be were:be been:be being:be 's:be 're:be 'm:be
  has:have had:have having:have 've:have
  does:do did:do done:do doing:do
  goes:go went:go gone:go
  arose:arise arisen:arise awoke:awake awoken:awake bore:bear borne:bear beat:beat beaten:beat
  became:become began:begin begun:begin bent:bend bet:bet bound:bind bit:bite bitten:bite
  bled:bleed blew:blow blown:blow broke:break broken:break bred:breed brought:bring built:build
  burnt:burn burst:burst bought:buy caught:catch chose:choose chosen:choose clung:cling came:come
  cost:cost crept:creep cut:cut dealt:deal dug:dig dove:dive drew:draw drawn:draw dreamt:dream
  drank:drink drunk:drink drove:drive driven:drive ate:eat eaten:eat fell:fall fallen:fall fed:feed
  felt:feel fought:fight found:find fled:flee flung:fling flew:fly flown:fly forbade:forbid
  forbidden:forbid forgot:forget forgotten:forget forgave:forgive forgiven:forgive froze:freeze
  frozen:freeze got:get gotten:get gave:give given:give ground:grind grew:grow grown:grow hung:hang
  heard:hear hid:hide hidden:hide hit:hit held:hold hurt:hurt kept:keep knelt:kneel knew:know
  known:know laid:lay led:lead leant:lean leapt:leap learnt:learn left:leave lent:lend let:let
  lay:lie lain:lie lit:light lost:lose made:make meant:mean met:meet mistook:mistake
  mistaken:mistake misunderstood:misunderstand overcame:overcome overtook:overtake
  overtaken:overtake paid:pay proved:prove proven:prove put:put quit:quit read:read rode:ride
  ridden:ride rang:ring rung:ring rose:rise risen:rise ran:run said:say saw:see seen:see
  sought:seek sold:sell sent:send set:set shook:shake shaken:shake shed:shed shone:shine
  shot:shoot showed:show shown:show shrank:shrink shrunk:shrink shut:shut sang:sing sung:sing
  sank:sink sunk:sink sat:sit slept:sleep slid:slide slit:slit spoke:speak spoken:speak sped:speed
  spent:spend spilt:spill spun:spin spat:spit split:split spread:spread sprang:spring
  sprung:spring stood:stand stole:steal stolen:steal stuck:stick stung:sting stank:stink
  strode:stride struck:strike strung:string strove:strive striven:strive swore:swear sworn:swear
  swept:sweep swam:swim swum:swim swung:swing took:take taken:take taught:teach tore:tear
  torn:tear told:tell thought:think threw:throw thrown:throw thrust:thrust trod:tread
  understood:understand undertook:undertake undertaken:undertake upset:upset woke:wake
  woken:wake wore:wear worn:wear wove:weave woven:weave wept:weep won:win wound:wind
  withdrew:withdraw withdrawn:withdraw wrote:write written:write wrung:wring
  died:die dies:die dying:die lied:lie lies:lie lying:lie tied:tie ties:tie tying:tie
  focused:focus focuses:focus focusing:focus focussed:focus
  belonged:belong banged:bang longed:long prolonged:prolong wronged:wrong
  gon:go wan:want born:bear
  bring:bring sing:sing ring:ring sting:sting swing:swing cling:cling fling:fling spring:spring
  string:string wring:wring sling:sling focus:focus bias:bias
`);

const AUX_EXC = exceptions(`
  is:be are:be am:be was:be were:be been:be being:be 's:be ’s:be 're:be ’re:be 'm:be ’m:be m:be r:be s:be
  has:have had:have having:have 've:have ’ve:have ve:have
  does:do did:do doing:do done:do
  'll:will ’ll:will ll:will wo:will ca:can sha:shall 'd:would ’d:would d:would
  got:get getting:get gets:get
`);

const ADJ_EXC = exceptions(`
  better:good best:good worse:bad worst:bad further:far furthest:far farther:far farthest:far
  elder:old eldest:old
`);

const ADV_EXC = exceptions(`
  better:well best:well worse:badly worst:badly further:far furthest:far farther:far farthest:far
  later:late earlier:early longer:long sooner:soon faster:fast harder:hard
`);

const PRON_EXC = exceptions(`
  i:I me:I us:we them:they him:he these:this those:that u:you mine:my yours:your ours:our
`);

const DET_EXC = exceptions(`
  an:a these:this those:that
`);

const PART_EXC = exceptions(`
  n't:not n’t:not nt:not 's:'s ’s:'s s:'s ':'s
`);

/** The tables by name, as the rule mode reads them; a fresh copy each call. */
export function englishLemmaTables(): Record<string, Record<string, unknown>> {
  const lowercaseOnly = rules("");
  return structuredClone({
    lemma_rules: {
      noun: NOUN_RULES,
      verb: VERB_RULES,
      adj: ADJ_RULES,
      aux: lowercaseOnly,
      adv: lowercaseOnly,
      pron: lowercaseOnly,
      det: lowercaseOnly,
      part: lowercaseOnly,
    },
    lemma_index: { noun: NOUN_INDEX, verb: VERB_INDEX, adj: ADJ_INDEX },
    lemma_exc: { noun: NOUN_EXC, verb: VERB_EXC, adj: ADJ_EXC, aux: AUX_EXC, adv: ADV_EXC, pron: PRON_EXC, det: DET_EXC, part: PART_EXC },
  });
}
