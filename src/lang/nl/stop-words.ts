// Dutch stop words, from spaCy v3.5.4 spacy/lang/nl/stop_words.py.
export const NL_STOP_WORDS: ReadonlySet<string> = new Set(
  `
't aan aangaande aangezien achter achterna af afgelopen al aldus alhoewel alle allebei alleen allen alles als altijd ander andere anderen
anders anderzijds behalve beide beiden ben beneden bent bepaald beter betere betreffende bij bijna bijvoorbeeld binnen binnenin boven
bovenal bovendien bovenstaand buiten daar daarheen daarin daarna daarnet daarom daarop dan dat de den der des deze dezelfde dezen die dien
dikwijls dit doch doen doet door doorgaand doorgaans dus echter een eens eerder eerst eerste eersten effe eigen elk elke en enige enkel
enkele enz er erdoor etc even eveneens evenwel ff gauw ge gedurende geen gegeven gehad geheel gekund geleden gelijk gemogen geven geweest
gewoon gewoonweg geworden gij haar had hadden hare heb hebben hebt heeft hele hem hen het hier hierbeneden hierboven hierin hij hoe hoewel
hun idd ieder iemand iets ik ikke ikzelf in indien inmiddels inz inzake is ja je jezelf jij jijzelf jou jouw jouwe juist jullie kan klaar
kon konden krachtens kunnen kunt lang later liet liever maar mag me mede meer meesten men met mezelf mij mijn mijzelf min minder misschien
mocht mochten moest moesten moet moeten mogelijk mogen na naar nabij nadat net niet niets nog nogal nooit nr nu of om omdat omhoog omlaag
omstreeks omtrent omver onder ondertussen ongeveer ons onszelf onze ooit ook op opdat opnieuw opzij over overigens pas pp precies prof publ
reeds rond rondom sedert sinds sindsdien slechts sommige spoedig steeds tamelijk te tegen ten tenzij ter terwijl thans tijdens toch toe toen
tot totdat tussen u uit uitgezonderd uw uwe uwen vaak van vanaf vandaan vanuit vanwege veel veeleer verder verre vervolgens vgl volgens voor
vooraf vooral vooralsnog voorbij voordat voordien voorheen voorop voort voorts vooruit vrij vroeg waar waarom wanneer want waren was wat we
weer weg wegens weinig weinige wel weldra welk welke welken werd werden wezen wie wiens wier wij wil wilde worden wordt zal ze zeer zei
zeker zekere zelf zelfde zelfs zich zichzelf zij zijn zijnde zijne zo zoals zodra zonder zou zouden zoveel zowat zo’n zulk zulke zulks
zullen zult ‘t
`
    .split(/\s+/)
    .filter((word) => word !== ""),
);
