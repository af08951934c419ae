"""A first guess at a new actor's kind from its name, to be shown and corrected, never trusted.

A reader who types a name the library does not know was handed a fixed kind (the app said
"person", the CLI "other") and "Ministry of Defence", "Reuters" or "France" were filed as
persons unless the reader noticed the little kind chooser. A guess the reader sees, and
changes when it is wrong, costs nothing when it is right.

The first rule that answers gives the guess:

1. an outlet of the library's articles, or a wire agency (AFP, Reuters, ...): organisation;
2. a country or territory by its English name (`resources/actors/countries.tsv`, from
   ISO 3166-1): state, or place for a dependent territory such as Hong Kong;
3. the library's own actors with the same head word ("Ministry of Defence" filed as a
   government body for "Ministry of Finance"): the kind most of them have, since the library
   says how this reader files things (persons left out: their head word is a name);
4. a few word pairs the single words get wrong ("White House", "West Bank", "news
   agency"), and two words that begin as a place's name does ("New York", "San Diego");
5. a word that marks a kind ("ministry", "court" -> government body; "Inc", "bank",
   "university" -> organisation; "rebels" -> group; "province" -> place; "president",
   "spokesman" -> person), as written or as its singular, the head word asked first: the
   last word ("Hong Kong stock exchange"), then the last before "of" ("Bank of China"),
   then the others from the right;
6. two to four capitalised words, as a personal name is written ("Wang Wenbin", "Tang
   Xiao'ou", "Ursula von der Leyen"), none an institution's ("Federal"): person;
7. else "other": a name alone ("SenseTime", "Hamas") says nothing a word list could know.

Cities are not guessed: no list of them ships with the program, and a city's name is as
often a person's ("Florence", "Victoria"). Words are compared casefolded, with the
punctuation round them dropped ("Inc." is "inc").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from briefing.core.actors.model import KINDS
from briefing.core.bundled import resources_dir

__all__ = ["KindGuess", "KindGuesser", "guess_kind"]


@dataclass(frozen=True)
class KindGuess:
    """A guessed kind (one of KINDS) and why, in words for a tooltip or a CLI line."""

    kind: str
    reason: str


GOVERNMENT = frozenset(
    """ministry ministries department parliament congress senate assembly council court
    courts police army navy military government administration cabinet commission treasury
    office embassy consulate agency bureau authority authorities regulator kremlin pentagon
    judiciary tribunal prosecutor prosecutors customs legislature politburo junta presidency
    force forces guard reserve gendarmerie directorate secretariat inspectorate ombudsman
    municipality mayoralty""".split()
)
ORGANISATION = frozenset(
    """inc incorporated ltd limited llc llp plc corp corporation company co cos holdings
    bank banks university college institute institution foundation fund association
    federation union organisation organization ngo charity society trust partners capital
    ventures technologies technology tech air bros brothers systems labs laboratories motors
    airlines airways
    energy petroleum oil pharmaceuticals pharma media news times post journal daily herald
    tribune telegraph gazette press broadcasting broadcaster network tv radio exchange party
    club league committee centre center hospital school academy group gmbh ag sa nv bv spa
    ab asa oyj kk pte pty srl sarl bhd tbk watch international project initiative alliance
    coalition campaign forum""".split()
)
GROUP = frozenset(
    """rebels militants militia militias protesters protestors demonstrators minorities
    minority community communities workers farmers students experts researchers activists
    people peoples muslims christians jews tribes separatists insurgents fighters
    refugees migrants residents villagers citizens voters investors analysts officials
    lawmakers legislators diplomats scientists doctors nurses teachers families victims
    supporters opposition movement diaspora clans""".split()
)
PLACE = frozenset(
    """province region city county district island islands river mountains mountain strait
    sea ocean gulf bay valley peninsula desert square street avenue airport port harbour
    harbor village town capital territory territories coast border canal lake delta
    plateau basin prefecture oblast governorate""".split()
)
PERSON = frozenset(
    """mr mrs ms dr sir dame president minister premier chancellor secretary spokesman
    spokeswoman spokesperson ambassador senator congressman congresswoman governor mayor
    judge king queen prince princess pope ceo chairman chairwoman founder director envoy
    sheikh ayatollah imam rabbi bishop cardinal lord lady general colonel commander adviser
    advisor aide deputy official economist analyst researcher lawyer reporter journalist
    correspondent editor columnist""".split()
)
MARKERS: dict[str, str] = {
    **{w: "person" for w in PERSON},
    **{w: "place" for w in PLACE},
    **{w: "group" for w in GROUP},
    **{w: "organisation" for w in ORGANISATION},
    **{w: "government body" for w in GOVERNMENT},
}
# Word pairs whose meaning the single words get wrong.
PHRASES = {
    "news agency": "organisation",
    "air force": "government body",
    "press agency": "organisation",
    "white house": "government body",
    "house of commons": "government body",
    "house of lords": "government body",
    "house of representatives": "government body",
    "west bank": "place",
    "gaza strip": "place",
    "without borders": "organisation",
    "red cross": "organisation",
    "red crescent": "organisation",
}
# Wire agencies: often an article's agency rather than its outlet, so not among the outlets.
AGENCIES = frozenset(
    """afp reuters ap associated press xinhua tass ria novosti bloomberg kyodo yonhap ansa
    efe dpa pti anadolu irna kcna upi interfax bernama antara""".split()
) | frozenset({"associated press", "agence france-presse", "ria novosti", "press trust of india"})
# A first word that begins a place's name, not a person's: "New York", "San Francisco".
PLACE_PREFIXES = frozenset(
    """new north south east west northern southern eastern western central upper lower
    san santa são sao los las port fort mount lake cape saint st""".split()
)
# Words that begin no personal name but many an institution's: "Federal Reserve".
INSTITUTIONAL = frozenset(
    """the federal national international central royal supreme islamic united european
    world global democratic republican socialist communist popular imperial state public
    federation""".split()
)
# Words that join a name's parts: the head word is the last one before the first of them.
LINKS = frozenset({"of", "for", "on", "and", "&", "in", "at", "to", "the"})
# Lower-case words inside a personal name: "Ursula von der Leyen", "Mohammed bin Salman".
PARTICLES = frozenset(
    """de da das do dos del della der den di du van von la le al el bin bint ibn ben ter
    ten zu y""".split()
)
_EDGE = re.compile(r"^[^\w&]+|[^\w]+$")


def _word(token: str) -> str:
    """A token as the word lists hold it: casefolded, quotes and stops round it dropped."""
    return _EDGE.sub("", token).casefold()


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _without_the(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


@cache
def _countries() -> dict[str, str]:
    """Folded country or territory name -> "state" or "place", from the shipped list."""
    found: dict[str, str] = {}
    text = (resources_dir() / "actors" / "countries.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _code, kind, names = line.split("\t")
        for name in names.split(";"):
            found[_fold(name)] = kind
    return found


def _head_order(words: list[str]) -> list[int]:
    """Indexes of the words in the order their meaning weighs: the last word, then the
    last before the first linking word ("Bank" in "Bank of China"), then the rest from
    the right (a title before a name: "President Xi Jinping")."""
    order = [len(words) - 1]
    for i, word in enumerate(words):
        if i > 0 and word in LINKS:
            order.append(i - 1)
            break
    order += range(len(words) - 1, -1, -1)
    return [i for i in dict.fromkeys(order) if words[i] and words[i] not in LINKS]


def head_word(name: str) -> str:
    """The word a name turns on, casefolded: "ministry" in "Ministry of Defence",
    "exchange" in "Hong Kong stock exchange"; "" when it has none. Two names with the same
    head word are likely the same kind of thing."""
    words = [_word(t) for t in name.split()]
    for i, word in enumerate(words):
        if i > 0 and word in LINKS:
            return words[i - 1]
    return words[-1] if words and words[-1] not in LINKS else ""


def _marked_kind(word: str) -> str:
    """The kind a word marks, as written or as its singular ("Exchanges"); "" for none.
    Persons in the plural are a group ("finance ministers")."""
    if word in MARKERS:
        return MARKERS[word]
    kind = MARKERS.get(word[:-1], "") if word.endswith("s") else ""
    return "group" if kind == "person" else kind


def _is_capitalised(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    if not letters or any(c.isdigit() for c in token) or not letters[0].isupper():
        return False
    if len(letters) == 1:  # an initial: "J." or "J"
        return True
    return any(c.islower() for c in letters[1:])  # "US", "NATO" are acronyms, not names


def _is_name_part(token: str) -> bool:
    """A capitalised word, or one after a particle and a dash ("al-Assad")."""
    prefix, dash, rest = token.partition("-")
    return _is_capitalised(token) or bool(
        dash and prefix.casefold() in PARTICLES and _is_capitalised(rest)
    )


def _looks_personal(tokens: list[str]) -> bool:
    """Two to four words, each capitalised or a particle ("von der"), first and last not
    particles, none an institution's ("Federal", "National")."""
    if not 2 <= len(tokens) <= 4 or any(_word(t) in INSTITUTIONAL for t in tokens):
        return False
    if not (_is_name_part(tokens[0]) and _is_name_part(tokens[-1])):
        return False
    return all(_is_name_part(t) or _word(t) in PARTICLES for t in tokens[1:-1])


@dataclass(frozen=True)
class KindGuesser:
    """Guesses with what one library knows: its actors' names and kinds and its outlets.

    Build it once per form (`library.actors.kind_guesser()`): `guess` is then pure and
    cheap enough to follow every keystroke."""

    actors: tuple[tuple[str, str], ...] = ()  # (name, kind) of each actor in the library
    outlets: tuple[str, ...] = ()
    _by_head: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _outlets: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_head: dict[str, list[tuple[str, str]]] = {}
        for name, kind in self.actors:
            head = head_word(name)
            # A person's head word is a name ("Wenbin"), not a word saying what it is: a
            # "John Post" in the library must not make "Washington Post" a person.
            if head and kind in KINDS and kind != "person":
                by_head.setdefault(head, []).append((name, kind))
        object.__setattr__(self, "_by_head", by_head)
        object.__setattr__(self, "_outlets", frozenset(_fold(o) for o in self.outlets))

    def guess(self, name: str) -> KindGuess:
        tokens = name.split()
        folded = _fold(name)
        bare = _without_the(folded)
        if not tokens:
            return KindGuess("other", "no name to go by")
        if folded in self._outlets or bare in self._outlets:
            return KindGuess("organisation", "an outlet of the library's articles")
        if bare in AGENCIES:
            return KindGuess("organisation", "a news agency")
        country = _countries().get(bare)
        if country == "state":
            return KindGuess("state", "a country's name")
        if country == "place":
            return KindGuess("place", "a territory's name")
        words = [_word(t) for t in tokens]
        head = head_word(name)
        like = self._by_head.get(head, [])
        if like:
            counts = Counter(kind for _, kind in like)
            kind = max(counts, key=lambda k: (counts[k], -KINDS.index(k)))
            example = min((n for n, k in like if k == kind), key=str.casefold)
            return KindGuess(kind, f"like {example} in the library")
        for phrase, kind in PHRASES.items():
            if f" {phrase} " in f" {' '.join(words)} ":
                return KindGuess(kind, f"the words “{phrase}”")
        if len(tokens) == 2 and words[0] in PLACE_PREFIXES and _is_capitalised(tokens[1]):
            return KindGuess("place", f"a place's name, with “{tokens[0]}”")
        for i in _head_order(words):
            kind = _marked_kind(words[i])
            if kind:
                return KindGuess(kind, f"the word “{_EDGE.sub('', tokens[i])}”")
        if _looks_personal(tokens):
            return KindGuess("person", "written as a personal name")
        return KindGuess("other", "nothing in the name to go by")


def guess_kind(
    name: str, *, actors: Iterable[tuple[str, str]] = (), outlets: Iterable[str] = ()
) -> KindGuess:
    """A guess at the kind of an actor called `name`, from the name alone, or with the
    (name, kind) of a library's actors and its outlets to go by (see the module's rules)."""
    return KindGuesser(tuple(actors), tuple(outlets)).guess(name)
