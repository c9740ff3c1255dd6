import { ADDRESS_VERB, factsAsked, factsAskedInEnglish, type FactKind } from "./facts.js";
import type { Glossary } from "./glossary.js";
import { GENERIC_WORDS } from "./generic-words.js";
import { OTHER_PLACES } from "./places.js";
import { matchesOf } from "./matches.js";

/** A message written in English: Latin words and no Chinese characters. */
export function isEnglish(text: string): boolean {
  if (/[\u3400-\u9fff]/.test(text)) return false;
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 1 && words.join("").length >= 3;
}

// Measure 11, article 11, item 11, No. 11 → 第11条.
const MEASURE_NUMBER = /\b(?:measure|article|item|clause|no\.?|number)\s*#?\s*(\d+)\b/gi;
// "Which measures is the tax bureau responsible for?", "What does the court handle?", "What is the tax bureau in charge of?",
// "What does the justice bureau oversee?"; asked to be listed too: "List every measure the court is in charge of", "Show me all items
// where the tax bureau is named as responsible".
const ASKS_DEPARTMENT_LIST = /\b(list|name|show|enumerate|give me|tell me)\b.*\b(measures?|items?|articles?|clauses?)\b.*\b(responsible|in charge|handle[sd]?|oversee[sn]?|lead[s]?|leading|assigned)\b|\b(which|what)\b.*\b(measures?|items?|things?|matters?)\b.*\b(responsible|in charge|handle[sd]?|cover[s]?|oversee[sn]?|supervise[sd]?|manage[sd]?|lead[s]?|do(es)?)\b|\bwhat\b.*\b(does|do)\b.*\b(handle|do|cover|oversee|supervise|manage|lead)\b|\bwhat\b.*\b(is|are)\b.*\b(responsible for|in charge of)\s*[?.!]?\s*$/i;

// I'm 70, my mother is 82, a 65-year-old, in my seventies: an elderly asker (or one they help), whom the policy names (老年人), as the Chinese ELDERLY_AGE reads 七十多岁.
const ELDERLY_AGE = /\b(i'?m|i am|aged|(mother|father|mom|mum|dad|parents?|grandma|grandpa|grandmother|grandfather|wife|husband|he|she)('s| is| are))\s+(over\s+|almost\s+|nearly\s+|about\s+)?[6-9]\d\b|\b[6-9]\d[- ]years?[- ]old (man|woman|owner|person|retiree|mother|father)\b|\bin (my|his|her|their) (sixties|seventies|eighties|nineties)\b/i;

// Bureau of Justice, Department of Commerce: the office named as the glossary names it (justice bureau).
const OFFICE_OF = /\b(bureau|department|office|commission)\s+(?:of|for)\s+((?:(?!(?:is|are|was|were|do|does|did|handle|handles|responsible|in|for|on|with|to|and then)\b)[a-z-]+\s*(?:and\s+)?){1,4})/gi;
// (The city's offices are bureaus, 局: Department of Finance is its finance bureau.)
const officeFirst = (text: string) => text.replace(OFFICE_OF, (_m, office: string, name: string) => `${name.trim()} ${/^department$/i.test(office) ? "bureau" : office} `);

// I run a small translation agency, we own a little bakery, I run a small guesthouse: the asker's own business, who asks (its trade is no topic;
// a small one is a small business, whom the policy names). (An agency one is sent to, a company one deals with, stay.)
// (Our shop's electronic business licence is ready: the business word begins another thing, no business of one's own.)
const OWN_BUSINESS = /\b(i|we)\s+(run|own|operate|manage|started|opened|launched)\s+(a|an|my|our)\s+((?:[a-z-]+\s+){0,3}?)(agency|company|firm|shop|store|business|restaurant|cafe|bakery|studio|factory|workshop|clinic|practice|startup|start-up|guesthouse|guest house|hotel|hostel|motel|inn|homestay|b&b|bar|pub|salon|barbershop|pharmacy|bookshop|bookstore|boutique|teahouse|tea house|diner|eatery|stall|kiosk|laundry|gym)\b(?!\s+(licen[cs]es?|permits?|accounts?|loans?|registration|address|premises|seal|tax))/gi;
const SMALL = /\b(small|little|tiny|micro)\b/i;
const withoutOwnBusiness = (text: string) => text.replace(OWN_BUSINESS, (_m, ...g) => (SMALL.test(g[3] ?? "") ? " small business " : " "));

// Our cold-chain startup, their corner store, my parents' noodle shop: a business of the asker's (or their family's) named by its trade,
// which is no topic; read as a company (a small one as a small business), so that closing their store reads as closing a company.
// (A trade word the glossary reads stays as written: our private company, our state-owned firm.)
const TRADES = "agency|company|firm|shop|store|business|restaurant|cafe|bakery|studio|factory|workshop|clinic|practice|startup|start-up|guesthouse|guest house|hotel|hostel|motel|inn|homestay|b&b|bar|pub|salon|barbershop|pharmacy|bookshop|bookstore|boutique|teahouse|tea house|diner|eatery|stall|kiosk|laundry|gym|supermarket|grocery|farm|co-op|cooperative";
const KIN = String.raw`(?:(?:parents|family|mother|father|mom|mum|dad|wife|husband|son|daughter|brother|sister|uncle|aunt|friend)(?:'s|'|’s|’)?\s+)`;
// (The words before the trade describe it: no word of a clause of its own, my home while the workshop…)
const DESCRIBING = String.raw`(?:(?!(?:the|a|an|and|or|while|whereas|is|are|was|were|be|been|to|of|in|on|at|for|with|but|so|when|if|that|which|who|not|no)\b)[a-z-]+\s+)`;
const OWNED_BUSINESS = new RegExp(String.raw`\b(?:my|our|their|his|her)\s+${KIN}?(${DESCRIBING}{0,3}?)(?:${TRADES})\b(?!['’]s)(?!\s+(?:licen[cs]es?|permits?|accounts?|loans?|registration|address|premises|seal|tax|owners?|chain))`, "gi");
function withoutOwnedBusiness(text: string, glossary: Glossary): string {
  return text.replace(OWNED_BUSINESS, (whole: string, kind: string) => {
    if (kind.trim() && glossary.translate(kind.replace(SMALL, " ")).chinese.length) return whole;
    return SMALL.test(kind) ? " small business " : " company ";
  });
}

// Open a restaurant, opening a trading firm, set up a new bakery: a business set up, named by its trade (no topic; the trade words
// before it describe it), read as opening a company (a small one as a small business) when it is what is asked; beside another thing
// of the policy's asked (We're opening a restaurant and need gas hooked up), it is the scene, as the Chinese 开个饭馆，要接燃气, and goes.
// (A trade word the glossary reads stays as written: open a bank account.)
const SETS_UP_TRADE = new RegExp(String.raw`\b(?:open|start|set\s+up|launch|establish|register)(?:s|ed|ing|ting)?\s+(?:(?:a|an|my|our|one|new|another)\s+)*(${DESCRIBING}{0,3}?)(?:${TRADES})\b(?!['’]s)(?!\s+(?:licen[cs]es?|permits?|accounts?|loans?|registration|address|premises|seal|tax|owners?|chain))`, "gi");
function withTradeSetUp(text: string, glossary: Glossary): string {
  const otherAsked = namesPolicyTerm(glossary.translate(text.replace(SETS_UP_TRADE, " , ")).chinese, glossary);
  return text.replace(SETS_UP_TRADE, (whole: string, kind: string) => {
    if (kind.trim() && glossary.translate(kind.replace(SMALL, " ")).chinese.length) return whole;
    if (otherAsked) return SMALL.test(kind) ? " small business " : " ";
    return SMALL.test(kind) ? " open a company small business " : " open a company ";
  });
}

// Our restaurant opens in May, our bakery, which opened last year, we're opening next month: the business opening by itself (no
// object after it) is the asker's story, as the Chinese 五月开业, not the setting-up asked about (open a company). (Opens on Saturday,
// at 9: its hours, kept for them.)
const OPENS_ITSELF = new RegExp(String.raw`\b((?:${TRADES}|we|it|they|which|that)(?:['’](?:s|re|ll))?\s+(?:(?:will|is|are|was|were|has|have|had|just|only|finally|officially|recently|newly|be|been|going to|due to|set to|plans? to)\s+)*)(?:re)?open(?:s|ed|ing)?\b(?!\s+(?:a|an|the|my|our|your|their|his|her|its|this|that|new|another|up|one|on|at|till|until|hours|daily|every|during|round|24|bank|accounts?)\b)`, "gi");
const withoutOpeningTold = (text: string) => text.replace(OPENS_ITSELF, "$1 ");

// I came back from Beijing, we moved here from Urumqi, I'm from Shanghai: where the asker comes from, a story, as the Chinese 从北京回来;
// read so (从北京来的), so that the place is no other place's rules asked about. A place the glossary does not know, named with a capital
// (came back from Chengdu), is told only: it goes. (From the tax bureau, from the bank: no place.)
const CAME_FROM = /\b(?:(?:came|come|comes|coming|moved|moving|relocated|relocating|returned|returning|arrived|transferred)(?:\s+(?:back|over|here|home|down|up|out|all the way))*|i'?m|i am|we'?re|we are|originally)\s+from\s+([A-Za-z]+(?:\s+[A-Za-z]+){0,2})/gi;
function withOrigin(text: string, glossary: Glossary, spelled?: (latin: string) => string | null): { text: string; origins: string[] } {
  const origins: string[] = [];
  const rest = text.replace(CAME_FROM, (whole: string, after: string) => {
    const words = after.split(/\s+/);
    const told = whole.slice(0, whole.length - after.length).replace(/\s*from\s*$/i, " ");
    for (let n = words.length; n >= 1; n--) {
      const { chinese, unread } = glossary.translate(words.slice(0, n).join(" "), spelled);
      const place = chinese.length === 1 && !unread.length && OTHER_PLACES.includes(chinese[0]!);
      const unknownName = n <= 2 && !chinese.length && unread.length === n && words.slice(0, n).every((w) => /^[A-Z][a-z]+$/.test(w));
      if (place) origins.push(`从${chinese[0]}来的`);
      if (place || unknownName) return `${told} ${words.slice(n).join(" ")}`;
    }
    return whole;
  });
  return { text: rest, origins };
}

// Not great with apps, can't use a smartphone, struggle with computers: the means of doing it online the asker cannot work with, read
// as the Chinese 不会用手机: doing it online is what they do without (没有网上办理), so that only a measure minding them (or letting
// them do it offline) matches.
const DEVICE = String.raw`(?:(?:the|a|an|my|these|those|all these|all the)\s+)?(?:mobile\s+|smart\s*|online\s+|digital\s+|phone\s+)?(?:apps?|applications?|computers?|smartphones?|phones?|internet|technology|tech|gadgets|websites?|online\s+(?:services?|systems?|platforms?|forms?)|e-government)`;
const CANNOT_USE = new RegExp(String.raw`\b(?:(?:not|isn'?t|aren'?t|wasn'?t)\s+(?:very\s+|so\s+|too\s+|that\s+|really\s+)?(?:great|good|comfortable|confident|familiar|handy|savvy)\s+(?:with|at|using|on)|(?:can'?t|cannot|can not|could not|couldn'?t|unable to|(?:don'?t|do not|doesn'?t|does not) know how to|never learned to|struggle to)\s+(?:use|work|operate|handle)|(?:struggle|struggles|struggling)\s+with|(?:bad|hopeless|terrible|useless|clueless)\s+(?:with|at))\s+(${DEVICE})\b`, "gi");
const cannotUse = (text: string, glossary: Glossary, spelled?: (latin: string) => string | null) =>
  matchesOf(text, CANNOT_USE).map(() => glossary.translate("online", spelled).chinese.join(""));

// What the asker wants instead of, or has not got (instead of online, rather than in an app, we have no collateral): read as the
// Chinese question's 没有…, so that only a measure saying 无/免 it, or forbidding to require it, matches. (Not "without": let
// off without a fine asks for the 免罚 itself.)
const DOES_WITHOUT = /\b(?:instead of|rather than|(?:do not|don'?t|does not|doesn'?t) have(?: any| a| an)?|have no|has no)\s+([^,.;:?!]+)/gi;

// I'd rather handle it at a counter than online, we would prefer paper to the app: what is wanted before another thing, the other one
// what the asker would do without (read as DOES_WITHOUT reads instead of: 没有…), the wanted one kept as asked.
const PREFERS = /\b(?:would|'d|’d)\s+(?:much\s+)?(?:rather|sooner)\s+([^,.;:?!]*?)\s+than\s+([^,.;:?!]+)/gi;

// Copying our logo, they imitated my design, a shop faking our brand: a thing of the asker's copied is an infringement (the policy's
// 维权), not a photocopy (复印). (Copies of our licence, copy my documents, our forms were copied: the copies are papers.)
// Said the other way round (our brand is being copied, my design was imitated): the same.
const PAPERS = String.raw`(?:documents?|papers?|paperwork|licen[cs]es?|ids?|id cards?|certificates?|forms?|materials?|files?|contracts?|deeds?|cards?|records?)`;
const COPIES_OURS = new RegExp(String.raw`\b(?:copy|copies|copied|copying|imitat(?:e|es|ed|ing)|clon(?:e|es|ed|ing)|fak(?:e|es|ed|ing)|counterfeit(?:s|ed|ing)?|(?:rip|rips|ripped|ripping|knock|knocks|knocked|knocking)\s+off)\s+(?=(?:our|my|his|her|their)\b(?!\s+(?:[a-z-]+\s+)?${PAPERS}\b))|(?<!\b${PAPERS}\s+)\b(?:is|are|was|were|been|being|get|gets|got|getting)\s+(?:(?:copied|imitated|cloned|faked|counterfeited|pirated)|(?:ripped|knocked)\s+off)\b`, "gi");

// A tiny business, a little firm, a micro-enterprise: a small one, as the glossary reads a small business (小微企业). (Only right before
// the business: a small first slip-up in my store names no small shop.)
const TINY_BUSINESS = /\b(?:tiny|little|micro|mini)(?:[- ]|(?=enterprise))(?=(?:businesses|business|firms?|compan(?:y|ies)|enterprises?|shops?|stores?)\b)/gi;

// By end-2022, at the end 2022: the end of that year (the policy's 2022年底).
const END_OF_YEAR = /\bend[- ](?=(?:19|20)\d{2}\b)/gi;

// Can the transfer be registered, has the mortgage been registered: what is registered, as the glossary names it (mortgage registered).
const REGISTERED_PASSIVE = /\b(?:be|been|being|is|are|was|were|get|gets|got|getting)\s+(?=registered\b)/gi;

// A trademark registration, to register a patent: the registration of a thing the glossary names (a term of the policy's, 知识产权) is that
// thing's, read as the policy's word for it; the policy's own registration (注册登记) is a company's. (A phrase of its own, mortgage
// registration, register a company, registered capital, stays; so does a registration of something unnamed, the whole registration.)
const REGISTRATION_OF = /\b([a-z][a-z-]*)\s+registrations?\b|\bregist(?:er|ers|ered|ering)\s+(?:(?:a|an|the|my|our|your|their|its|his|her)\s+)?([a-z][a-z-]*)\b/gi;
const termsOf = new WeakMap<Glossary, Set<string>>();
function withRegistrationOfThings(text: string, glossary: Glossary): string {
  const terms = termsOf.get(glossary) ?? new Set(glossary.entries.filter((e) => e.section === "terms").map((e) => e.chinese));
  termsOf.set(glossary, terms);
  const registration = glossary.translate("registration").chinese;
  if (!registration.length) return text;
  return text.replace(REGISTRATION_OF, (whole: string, before?: string, after?: string) => {
    const thing = before ?? after ?? "";
    if (!glossary.translate(whole).chinese.some((zh) => registration.includes(zh))) return whole;
    const named = glossary.translate(thing).chinese;
    return named.length && named.every((zh) => terms.has(zh) && !registration.includes(zh)) ? ` ${thing} ` : whole;
  });
}

// A registration of land or a house, of a mortgage: the registration named by its thing as the glossary names it (land registration, house
// registration), so that registration of X reads as X registration does. A registration named by a phrase of its own keeps it
// (mortgage registration of a property: mortgage registration, property registration). (A registration of a thing the glossary does
// not know, of a building, stays as written.)
const DETERMINER = String.raw`(?:(?:a|an|the|my|our|your|their|its|his|her|this|that)\s+)?`;
const REGISTRATION_OF_THING = new RegExp(String.raw`\b(?:([a-z][a-z-]*)\s+)?registrations?\s+of\s+${DETERMINER}([a-z][a-z-]*)(?:\s+(or|and)\s+${DETERMINER}([a-z][a-z-]*))?`, "gi");
function withRegistrationNamedFirst(text: string, glossary: Glossary): string {
  const plain = glossary.translate("registration").chinese.join();
  const phrase = (word: string) => glossary.translate(`${word} registration`).chinese.join() !== plain;
  const knows = (thing: string) => glossary.translate(thing).chinese.length > 0 || phrase(thing);
  return text.replace(REGISTRATION_OF_THING, (whole: string, before: string | undefined, thing: string, joined?: string, other?: string) => {
    if (!knows(thing)) return whole;
    const second = other ? (knows(other) ? ` ${joined} ${other} registration` : ` ${joined} ${other}`) : "";
    const lead = before ? (phrase(before) ? `${before} registration ` : `${before} `) : "";
    return `${lead}${thing} registration${second}`;
  });
}

// Pledge our warehouse, the building as collateral: a house, land or a building offered to a lender is mortgaged (the policy's 抵押);
// a pledge of rights (patents, shares) stays a pledge.
const PROPERTY = String.raw`(?:warehouses?|houses?|flats?|apartments?|buildings?|land|factory|factories|plant|property|properties|premises|offices?|shops?|workshops?|real estate|home)`;
const PLEDGED_PROPERTY = new RegExp(String.raw`\bpledg(?:e|es|ed|ing)\s+((?:(?:a|an|the|my|our|your|their|its|this|that)\s+)?(?:[a-z-]+\s+)?${PROPERTY})\b|\b(${PROPERTY})\s+as\s+(?:collateral|security|a\s+pledge)\b`, "gi");

// When we invested, when I go to the counter: when opening a clause of the asker's story (no time asked). (When can we…, tell me
// when we can: a time asked.)
const WHEN_CLAUSE = /\bwhen\s+(?=(?:i|we|you|they|he|she|it|my|our|your|their|the|a|an|this|that)\s+(?!(?:can|could|will|would|shall|should|may|might|must|need|is|are)\b)[a-z])/gi;
// Courtesies around a question (Good day., Dear Sir/Madam, Best regards): no topic.
const COURTESY = /\b(?:good\s+(?:morning|afternoon|evening|day)|dear\s+(?:sir|madam|sirs|all)(?:\s*(?:\/|or|and)\s*madam)?|(?:best|kind|warm)\s+regards|many thanks|thank you(?: very much| so much| in advance)?|thanks(?: a lot| in advance)?)\b/gi;

// And an ordinary one?, what about a transfer?, and for a house?: a short message opening with and or what about and asking nothing of
// its own, the last question asked again of another thing or kind, as the Chinese 那一般的呢 (a question word after it, and how long…, asks afresh).
const ASKS_OF_ANOTHER = /^\s*(?:(?:ok|okay|so|and|also)[\s,]+)?(?:what about|how about|what of|and for|and with|and)\s+(?!(?:how|what|which|who|whom|when|where|why|whether|can|could|is|are|was|were|do|does|did|will|would|should|must|may|might|has|have|if)\b)(?:[a-z'-]+\s*){1,6}[?？]*\s*$/i;

// Whether the words read name a thing of the policy's (a glossary term that is not a generic word). What does the court do with
// bankrupt companies?: a department asked about one such thing is asked of that thing, no listing.
function namesPolicyTerm(chinese: string[], glossary: Glossary): boolean {
  const terms = termsOf.get(glossary) ?? new Set(glossary.entries.filter((e) => e.section === "terms").map((e) => e.chinese));
  termsOf.set(glossary, terms);
  return chinese.some((zh) => terms.has(zh) && !GENERIC_WORDS.has(zh));
}

// Brand-new is new (a brand-new shop): no brand of the asker's.
const BRAND_NEW = /\bbrand[- ]new\b/gi;

/**
 * The English question in the policy's words, for the Chinese stages: measure numbers, department questions, glossary terms
 * (and the policy's words typed in pinyin, when `spelled` reads them).
 */
export function readEnglish(text: string, glossary: Glossary, departmentsIn: (zh: string) => string[], spelled?: (latin: string) => string | null): { chinese: string; unread: string[] } {
  const numbers = matchesOf(text, MEASURE_NUMBER).map((m) => `第${m[1]}条`);
  if (ELDERLY_AGE.test(text)) numbers.push("老年人");
  const asked = text
    .replace(LIST_MARKS, " , ")
    .replace(MEASURE_NUMBER, " ")
    .replace(ELDERLY_AGE, " ")
    .replace(ADDRESS_VERB, " ")
    .replace(PLEDGED_PROPERTY, (_w: string, pledged?: string, offered?: string) => `mortgage ${pledged ?? offered}`)
    .replace(REGISTERED_PASSIVE, "")
    .replace(END_OF_YEAR, "end of the year ")
    .replace(TINY_BUSINESS, "small ")
    .replace(COURTESY, " ")
    .replace(WHEN_CLAUSE, " ")
    .replace(COPIES_OURS, " infringement ")
    .replace(BRAND_NEW, "new");
  const preferred = matchesOf(asked, PREFERS);
  const lacked = [...preferred.map((m) => glossary.translate(m[2]!, spelled).chinese.join("")), ...matchesOf(asked, DOES_WITHOUT).map((m) => glossary.translate(m[1]!, spelled).chinese.join("")), ...cannotUse(asked, glossary, spelled)].filter(Boolean).map((zh) => `没有${zh}`);
  const told = withOrigin(asked.replace(PREFERS, " $1 ").replace(DOES_WITHOUT, " ").replace(CANNOT_USE, " "), glossary, spelled);
  const rest = officeFirst(withoutOwnedBusiness(withoutOwnBusiness(withTradeSetUp(withRegistrationOfThings(withRegistrationNamedFirst(withoutOpeningTold(told.text), glossary), glossary), glossary)), glossary));
  const { chinese, unread } = glossary.translate(rest, spelled);
  const joined = [...told.origins, ...chinese, ...lacked].join(" ");
  const departments = departmentsIn(joined);
  if (departments.length && ASKS_DEPARTMENT_LIST.test(rest) && !namesPolicyTerm(chinese, glossary)) return { chinese: `${departments.join("和")}负责哪些措施`, unread: [] };
  const read = [...numbers, joined].filter(Boolean).join(" ");
  return { chinese: read && !numbers.length && ASKS_OF_ANOTHER.test(text) ? `那${read.replace(/\s+/g, "")}呢` : read, unread };
}

// Where an English message asks a second thing: after a question mark with more to come (…with my bank? Also, how do I…), or at
// "and", "also" or "plus" after a comma or semicolon, opening a clause that asks of its own (…register a firm, and how long is the
// public notice…). (A comma alone, If our firm buys a workshop from a neighbour, how soon…, sets a scene: no second question.)
const QUESTION_WORD = "how|what|which|who|when|where|why|whether|can|could|may|is|are|do|does|did|will|would|should|must|has|have";
// Points numbered or lettered as a list (1) … 2) …, (a) … (b) …, a line opening 1. or 2.) each ask a thing of their own; the words before
// the first (Two things pls:, Please advise on the following:) lead into them.
const LIST_MARK = String.raw`(?:^|(?<=[\s:;,]))\(?(?:[1-9]|[a-hA-H]|i{1,3}|iv)\)(?=\s)|(?:^|(?<=[:\n]))\s*[1-9]\.(?=\s)`;
const LIST_MARKS = new RegExp(LIST_MARK, "gi");
const NEXT_QUESTION = new RegExp(`[?？]+(?=\\s*\\S)|[,;]\\s*(?:and|also|plus|and also)\\s+(?=(?:${QUESTION_WORD})\\b)|;\\s*(?=(?:${QUESTION_WORD})\\b)|${LIST_MARK}`, "gi");
// What opens a second question and says only that it is one (Also, And, Plus, One more thing:).
const OPENS_QUESTION = /^\s*(?:(?:and|also|plus|and also|besides|secondly|second|then|one more thing|another thing|another question)\b[\s,:-]*)+/i;

// Where exactly is, what precisely are: a word of emphasis inside the asking (where is: an address).
const EMPHASIS = /\b(where|what|when|how)\s+(?:exactly|precisely|actually|really|roughly)\s+(?=(?:is|are|was|were|do|does|can|long|much|many)\b)/gi;

/**
 * How many days to get gas connected, and how many to get power connected? → the two questions an English message asks, in its order, each as
 * typed (one, the message, when it asks one thing).
 */
export function englishClauses(text: string): string[] {
  return text
    .split(NEXT_QUESTION)
    .map((c) => c.replace(OPENS_QUESTION, "").trim())
    .filter((c) => /[A-Za-z0-9]/.test(c));
}

// What asks or requests in an English clause: a question mark, a question word (how, what… anywhere; can, is… opening the clause or
// after a colon or dash: Two things: how long…, My loan is due soon - can I…), a request (please, tell me, let me know), or what adds
// a thing to the question before (Gas too, what about heating).
const ASKS = new RegExp(String.raw`[?？]|\b(?:how|what|which|who|when|where|why|whether)\b|(?:^|[:;,\-–—])\W*(?:${QUESTION_WORD}|please|pls|plz|kindly|tell|explain|list|show|give|send|any|anything)\b|\b(?:please|pls|plz|kindly|let me know|tell me|i wonder|wondering|(?:want|like|need) to know|what about|how about|too|as well|also)\b`, "i");

/**
 * A clause that neither asks nor requests (What's the tax bureau's phone? Have to submit by month end.): what led to the question
 * beside it, no question of its own. (Points of a list each ask, however briefly: never told apart so.)
 */
export function tellsOnly(clause: string, message: string): boolean {
  return !new RegExp(LIST_MARK, "i").test(message) && !ASKS.test(clause);
}

// A fact asked in English, as the Chinese stages see it asked (a clause's reading lacks it: where is the tax office → 地址 市税务局).
const ASKED_IN_CHINESE: Partial<Record<FactKind, string>> = { phone: "电话多少", address: "在哪", hours: "几点上班", language: "翻译服务", compensation: "赔不赔", materials: "要什么材料" };

/**
 * A clause of an English message read in the policy's words, with the facts it asks in English that the reading does not show as
 * asked (…, and where's the tax bureau located → 地址 市税务局 在哪): each part of a message is seen to ask what it asks. (A word of
 * emphasis inside the asking goes: where exactly is asks where.)
 */
export function readEnglishClause(typed: string, glossary: Glossary, departmentsIn: (zh: string) => string[], spelled?: (latin: string) => string | null): string {
  const clause = typed.replace(EMPHASIS, "$1 ");
  const { chinese } = readEnglish(clause, glossary, departmentsIn, spelled);
  const shown = factsAsked(chinese);
  const unshown = factsAskedInEnglish(clause).filter((k) => !shown.includes(k) && ASKED_IN_CHINESE[k]);
  return [chinese, ...unshown.map((k) => ASKED_IN_CHINESE[k]!)].filter(Boolean).join(" ");
}

// A run of English words inside Chinese (营业执照的online办理几天, 有没有免费的law consulting); not a measure reference.
const LATIN_RUN = /[A-Za-z](?:[A-Za-z' -]*[A-Za-z])?/g;

/**
 * English words typed inside a Chinese message, read as the policy's words where the glossary knows them
 * (business license → 营业执照, zero cost → 免费); else as the words it spells in pinyin, when `spelled` reads
 * it (gongqi baozhuang → 供气 报装); a run neither reads (startup, APP, yyzz) stays as typed.
 */
export function readEnglishInside(text: string, glossary: Glossary, spelled: (latin: string) => string | null = () => null): string {
  return text.replace(LATIN_RUN, (run) => {
    const { chinese, unread } = glossary.translate(run, (latin) => spelled(latin));
    return chinese.length ? [...chinese, ...unread].join(" ") : (spelled(run) ?? run);
  });
}
