"""Guessing a new actor's kind from its name: the worked example's actors, names as the
test articles (Wikinews) and wire copy write them, and what the library already knows."""

from __future__ import annotations

import pytest

from briefing.core import ACTOR_KINDS, Library, guess_actor_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # The worked example's actors (shared/samples/WORKED-EXAMPLE.md), as a reader types them.
        ("US Treasury", "government body"),
        ("US Department of Commerce", "government body"),
        ("Department of Commerce", "government body"),
        ("United States", "state"),
        ("China", "state"),
        ("Wang Wenbin", "person"),
        ("Tang Xiao'ou", "person"),
        ("Hong Kong stock exchange", "organisation"),
        ("Hong Kong Exchanges and Clearing", "organisation"),  # a plural: "exchange"
        ("UN experts and researchers", "group"),
        ("foreign ministry spokesman", "person"),
        # The trip: names that became persons whatever they were.
        ("Ministry of Defence", "government body"),
        ("Reuters", "organisation"),
        ("France", "state"),
        # Names from the test articles and wire copy.
        ("Nancy Pelosi", "person"),
        ("Carrie Lam", "person"),
        ("Qasem Soleimani", "person"),
        ("Ursula von der Leyen", "person"),
        ("Bashar al-Assad", "person"),
        ("J. K. Rowling", "person"),
        ("President Xi Jinping", "person"),
        ("Prime Minister Boris Johnson", "person"),
        ("Mahan Air", "organisation"),
        ("Conservative Party", "organisation"),
        ("Bank of China", "organisation"),
        ("Apple Inc.", "organisation"),
        ("China Daily", "organisation"),
        ("Associated Press", "organisation"),
        ("Xinhua News Agency", "organisation"),
        ("Paris police headquarters", "government body"),
        ("Hong Kong District Council", "government body"),
        ("Taiwan's legislature", "government body"),
        ("Supreme Court", "government body"),
        ("Federal Reserve", "government body"),
        ("the Kremlin", "government body"),
        ("White House", "government body"),
        ("US Air Force", "government body"),
        ("Hong Kong protesters", "group"),
        ("Uighur minority", "group"),
        ("Hong Kong", "place"),
        ("Greenland", "place"),
        ("West Bank", "place"),
        ("New York", "place"),
        ("Hubei province", "place"),
        ("the Netherlands", "state"),
        ("UK", "state"),
        ("Russia", "state"),
        ("Ivory Coast", "state"),
        ("Taiwan", "state"),
        # Names from the corpus's business wire copy (shared/corpus/text/bbc-business-*).
        ("Richard Parsons", "person"),
        ("Alan Greenspan", "person"),
        ("Mikhail Khodorkovsky", "person"),
        ("Bank of America", "organisation"),
        ("Menatep Group", "organisation"),
        ("Warner Bros", "organisation"),
        ("US Securities Exchange Commission", "government body"),
        ("Federal Reserve chairman", "person"),
        ("G7 finance ministers", "group"),  # persons in the plural
        # A later trip: organisations taken for persons, or for nothing.
        ("Human Rights Watch", "organisation"),
        ("Uyghur Human Rights Project", "organisation"),
        ("Amnesty International", "organisation"),
        ("Doctors Without Borders", "organisation"),
        ("International Committee of the Red Cross", "organisation"),
        ("Red Cross", "organisation"),
        ("Rosneft", "other"),
        # Nothing to go by: a single unknown word, a name in another script, no capitals.
        ("SenseTime", "other"),
        ("Hamas", "other"),
        ("NATO", "other"),
        ("The Guardian", "other"),
        ("Islamic State", "other"),
        ("習近平", "other"),
        ("wang wenbin", "other"),
    ],
)
def test_guess_from_the_name(name: str, kind: str) -> None:
    guess = guess_actor_kind(name)
    assert (guess.kind, name) == (kind, name)
    assert guess.kind in ACTOR_KINDS
    assert guess.reason


def test_the_reason_names_what_decided() -> None:
    assert guess_actor_kind("Ministry of Defence").reason == "the word “Ministry”"
    assert guess_actor_kind("Apple Inc.").reason == "the word “Inc”"
    assert guess_actor_kind("France").reason == "a country's name"
    assert guess_actor_kind("Wang Wenbin").reason == "written as a personal name"


def test_an_outlet_is_an_organisation() -> None:
    assert guess_actor_kind("Dawn").kind == "other"
    guess = guess_actor_kind("Dawn", outlets=["Dawn", "South China Morning Post"])
    assert guess.kind == "organisation"
    assert guess.reason == "an outlet of the library's articles"
    # A name written as a person's is still the outlet when the library says so.
    assert guess_actor_kind("Der Spiegel", outlets=["der spiegel"]).kind == "organisation"


def test_the_librarys_actors_with_the_same_head_word() -> None:
    actors = [("Ministry of Defence", "organisation"), ("Ministry of Health", "organisation")]
    guess = guess_actor_kind("Ministry of Finance", actors=actors)
    assert guess.kind == "organisation"  # the reader files ministries so: the library wins
    assert guess.reason == "like Ministry of Defence in the library"
    # The kind most of them have.
    actors.append(("Ministry of Justice", "government body"))
    actors.append(("Ministry of Labour", "government body"))
    actors.append(("Ministry of the Interior", "government body"))
    assert guess_actor_kind("Ministry of Finance", actors=actors).kind == "government body"
    # A word no list holds.
    actors = [("Hamas", "group"), ("Al-Shabaab militia", "group"), ("Tehran Times", "group")]
    assert guess_actor_kind("Houthi militia", actors=actors).kind == "group"


def test_a_persons_name_in_the_library_makes_nothing_a_person() -> None:
    actors = [("John Post", "person")]
    assert guess_actor_kind("Washington Post", actors=actors).kind == "organisation"


def test_the_librarys_guesser(library: Library) -> None:
    library.load_sample()
    (article,) = library.articles.list()
    assert library.actors.kind_guesser().guess("Caixin").kind == "other"
    library.articles.edit(article.id, outlet="Caixin")
    guesser = library.actors.kind_guesser()
    assert ("US Treasury", "government body") in guesser.actors
    guess = guesser.guess("UK Treasury")
    assert (guess.kind, guess.reason) == ("government body", "like US Treasury in the library")
    assert guesser.guess("Shanghai stock exchange").kind == "organisation"
    assert guesser.guess("Wang Yi").kind == "person"
    assert guesser.guess("").kind == "other"
    assert guesser.guess("caixin").kind == "organisation"
