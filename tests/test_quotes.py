"""The quote stage on sentences written for these tests (its floors on PolNeAR dev are in
tests/quality_floors.tsv)."""

from __future__ import annotations

import pytest

from dateline.document import Actor, Article, Document, Mention, Quote
from dateline.eval.polnear import parse_ann
from dateline.stages.quotes.marks import find_quoted_spans


def _mentions(text: str, table: list[tuple[str, str, str, str | None, str]]) -> Document:
    """A document whose actors are given as (words, actor id, kind, sector, how) rows; every
    occurrence of the words becomes a mention."""
    document = Document(article=Article(text=text))
    actors: dict[str, Actor] = {}
    for words, actor_id, kind, sector, how in table:
        actor = actors.setdefault(actor_id, Actor(actor_id, words, None, sector, kind))
        start = text.find(words)
        while start >= 0:
            span = (start, start + len(words))
            actor.mentions.append(span)
            document.mentions.append(Mention(span, words, actor_id, how))
            start = text.find(words, start + 1)
    document.actors = list(actors.values())
    return document


@pytest.fixture(scope="module")
def run(nlp):
    from dateline.stages.quotes import QuoteStage

    stage = QuoteStage()
    stage.initialize(None)

    def apply(text: str, table: list[tuple[str, str, str, str | None, str]] | None = None):
        document = _mentions(text, table or [])
        document.doc = nlp(text)
        return stage(document).quotes

    return apply


def _one(quotes: list[Quote], kind: str, text: str) -> Quote:
    found = [q for q in quotes if q.kind == kind and q.text == text]
    assert found, f"no {kind} quote {text!r} in {[(q.kind, q.text) for q in quotes]}"
    return found[0]


# -- quotation marks, no model -------------------------------------------------------------


def test_apostrophes_are_not_quotes():
    text = "The Hendersons’ farm isn’t for sale, and it’s the family’s choice."
    assert find_quoted_spans(text) == []


def test_single_quotes_in_a_headline():
    text = "Mayor says flood barriers ‘saved the old town’ after storm"
    (quoted,) = find_quoted_spans(text)
    assert text[quoted.span[0] : quoted.span[1]] == "saved the old town"


def test_multi_paragraph_marks_are_chained():
    text = "“We will rebuild the bridge.\n\n“It will take two years,” she said."
    first, second = find_quoted_spans(text)
    assert not first.closed and second.continues == 0


# -- constructions --------------------------------------------------------------------------


@pytest.mark.slow
def test_split_direct_quote_gives_two_quotes(run):
    text = (
        "“The harvest was the worst in a decade,” Elena Marsh told reporters on Monday. "
        "“We need help before the winter.”"
    )
    quotes = run(text, [("Elena Marsh", "marsh", "person", "GOV", "name")])
    first = _one(quotes, "direct", "The harvest was the worst in a decade,")
    second = _one(quotes, "direct", "We need help before the winter.")
    assert first.speaker == second.speaker == "marsh"
    assert text[first.cue[0] : first.cue[1]] == "told"
    assert first.span == (1, 1 + len(first.text))


@pytest.mark.slow
def test_multi_paragraph_quote_has_one_speaker_per_part(run):
    text = (
        "The mayor spoke at length.\n\n"
        "“The river rose faster than any model predicted.\n\n"
        "“We moved four hundred families in one night,” Tom Reyes said."
    )
    quotes = run(text, [("Tom Reyes", "reyes", "person", "GOV", "name")])
    first = _one(quotes, "direct", "The river rose faster than any model predicted.")
    second = _one(quotes, "direct", "We moved four hundred families in one night,")
    assert first.speaker == second.speaker == "reyes"


@pytest.mark.slow
def test_partial_quote_after_called(run):
    text = "Jana Novak called the agreement “a first step” and left the hall."
    quotes = run(text, [("Jana Novak", "novak", "person", "GOV", "name")])
    quote = _one(quotes, "partial", "a first step")
    assert quote.speaker == "novak" and quote.speaker_text == "Jana Novak"


@pytest.mark.slow
def test_scare_quotes_take_the_speaker_of_their_cue(run):
    text = "Troops stayed near what the ministry has called the “buffer belt” of the region."
    quotes = run(text, [("the ministry", "ministry", "organisation", "GOV", "metonym")])
    quote = _one(quotes, "partial", "buffer belt")
    assert quote.speaker == "ministry"


@pytest.mark.slow
def test_a_title_in_quotes_is_not_a_quote(run):
    text = "The frigate “Northern Star” left the harbour on Tuesday with forty sailors aboard."
    assert run(text) == []


@pytest.mark.slow
def test_indirect_quote_with_that(run):
    text = "Paul Okafor said that the talks would resume next week."
    quotes = run(text, [("Paul Okafor", "okafor", "person", "GOV", "name")])
    quote = _one(quotes, "indirect", "the talks would resume next week")
    assert quote.speaker == "okafor"
    assert text[quote.cue[0] : quote.cue[1]] == "said"


@pytest.mark.slow
def test_indirect_quote_without_that(run):
    text = "The governor told reporters the roads would reopen by Friday."
    quotes = run(text)
    quote = _one(quotes, "indirect", "the roads would reopen by Friday")
    assert quote.speaker_text == "The governor" and quote.speaker is None


@pytest.mark.slow
def test_reported_clause_before_the_cue(run):
    text = "Prices for bread will double by spring, the farmers' union warned on Sunday."
    quotes = run(text)
    quote = _one(quotes, "indirect", "Prices for bread will double by spring")
    assert quote.speaker_text == "the farmers' union"


@pytest.mark.slow
def test_according_to(run):
    text = "According to the health ministry, nine clinics were closed during the storm."
    quotes = run(text, [("the health ministry", "health", "organisation", "GOV", "name")])
    quote = _one(quotes, "indirect", "nine clinics were closed during the storm")
    assert quote.speaker == "health"
    assert text[quote.cue[0] : quote.cue[1]] == "According to"


@pytest.mark.slow
def test_pronoun_speaker_resolves_to_the_last_person(run):
    text = "Maria Lopez visited the port on Friday. She said the cranes had been repaired."
    quotes = run(text, [("Maria Lopez", "lopez", "person", "GOV", "name")])
    quote = _one(quotes, "indirect", "the cranes had been repaired")
    assert quote.speaker_text == "She" and quote.speaker == "lopez"


@pytest.mark.slow
def test_description_speaker_resolves_to_an_earlier_actor(run):
    text = (
        "“No decision has been taken,” a Danish government spokesperson told journalists.\n\n"
        "“We are looking at every option,” the spokesperson said."
    )
    quotes = run(
        text, [("a Danish government spokesperson", "dk-spox", "person", "GOV", "description")]
    )
    quote = _one(quotes, "direct", "We are looking at every option,")
    assert quote.speaker_text == "the spokesperson" and quote.speaker == "dk-spox"


@pytest.mark.slow
def test_a_medium_relays_and_the_source_speaks(run):
    text = (
        "The Harbour Gazette reported that an official described the meeting as a “frank exchange”."
    )
    quotes = run(text, [("The Harbour Gazette", "gazette", "organisation", "MED", "name")])
    assert all(q.speaker != "gazette" for q in quotes)
    quote = _one(quotes, "partial", "frank exchange")
    assert quote.speaker_text == "an official" and quote.reported_by == "gazette"


@pytest.mark.slow
def test_denial_is_an_indirect_quote(run):
    text = "The army denied that its units had crossed the border."
    quotes = run(text, [("The army", "army", "organisation", "MIL", "name")])
    quote = _one(quotes, "indirect", "its units had crossed the border")
    assert quote.speaker == "army"


@pytest.mark.slow
def test_accused_of_and_called_on_carry_no_clause(run):
    text = "Ivan Petrov accused the mayor of lying and called on him to resign."
    assert [q for q in run(text) if q.kind == "indirect"] == []


# -- speakers ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_speaker_after_the_verb(run):
    text = "Families who remain, said Anna Berg, will get extra rations before the winter."
    quotes = run(text, [("Anna Berg", "berg", "person", "GOV", "name")])
    assert quotes and all(q.speaker == "berg" for q in quotes)


@pytest.mark.slow
def test_appositive_name_beats_the_description(run):
    text = "The Danish ambassador to Chile, Lars Holm, said the embassy would reopen in May."
    table = [
        ("The Danish ambassador", "dk-amb", "person", "GOV", "description"),
        ("Lars Holm", "holm", "person", None, "name"),
    ]
    quote = _one(run(text, table), "indirect", "the embassy would reopen in May")
    assert quote.speaker == "holm"


@pytest.mark.slow
def test_appositive_name_without_an_actor(run):
    text = "“Shameful,” wrote the Irish envoy to Peru, Niamh Kelly. “Talks must go on.”"
    quote = _one(run(text), "direct", "Shameful,")
    assert quote.speaker is None and quote.speaker_text == "Niamh Kelly"


@pytest.mark.slow
def test_pronoun_continues_the_last_speaker_not_a_name_inside_a_quote(run):
    text = (
        "Tom Reyes spoke after the vote. Reyes said: “I asked the minister to act today.”\n\n"
        "He added: “We cannot wait another week for the money.”"
    )
    table = [
        ("Tom Reyes", "reyes", "person", "LEG", "name"),
        ("the minister", "minister", "person", "GOV", "description"),
    ]
    quote = _one(run(text, table), "direct", "We cannot wait another week for the money.")
    assert quote.speaker == "reyes"


@pytest.mark.slow
def test_it_continues_an_unnamed_body(run):
    text = (
        "The northern command said enemy units had withdrawn from the valley.\n\n"
        "It said: “The bridge is under our control again.”"
    )
    quote = _one(run(text), "direct", "The bridge is under our control again.")
    assert quote.speaker is None and quote.speaker_text == "The northern command"


@pytest.mark.slow
def test_a_possessor_is_not_the_speaker(run):
    text = "Norway’s coastal command said the ferry had sunk near the island."
    quotes = run(text, [("Norway", "nor", "state", None, "name")])
    quote = _one(quotes, "indirect", "the ferry had sunk near the island")
    assert quote.speaker is None and quote.speaker_text == "Norway’s coastal command"


@pytest.mark.slow
def test_a_longer_description_keeps_its_words(run):
    text = "A spokesperson for the Harbour Guild said the strike was over."
    quotes = run(text, [("A spokesperson", "spox", "person", "GOV", "description")])
    quote = _one(quotes, "indirect", "the strike was over")
    assert quote.speaker is None
    assert quote.speaker_text == "A spokesperson for the Harbour Guild"


@pytest.mark.slow
def test_the_description_goes_back_to_the_named_person(run):
    text = (
        "Lena Ortiz, the regional governor, said the roads were closed.\n\n"
        "The shelters were full by midnight, the governor said."
    )
    table = [
        ("Lena Ortiz", "ortiz", "person", "GOV", "name"),
        ("the regional governor", "gov", "person", "GOV", "description"),
        ("the governor", "gov", "person", "GOV", "description"),
    ]
    quote = _one(run(text, table), "indirect", "The shelters were full by midnight")
    assert quote.speaker == "ortiz"


@pytest.mark.slow
def test_a_surname_alone_is_the_person_named_before(run):
    text = "Robert Finch, the MP for Dover, spoke first. Finch said the ferries must keep running."
    quotes = run(text, [("Robert Finch", "finch", "person", "LEG", "name")])
    quote = _one(quotes, "indirect", "the ferries must keep running")
    assert quote.speaker == "finch"


@pytest.mark.slow
def test_reported_as_saying_gives_the_words_to_the_object(run):
    text = "“We will not retreat,” the state agency Ternet reported Pavel Orlov as saying."
    quotes = run(text, [("Pavel Orlov", "orlov", "person", "MIL", "name")])
    assert _one(quotes, "direct", "We will not retreat,").speaker == "orlov"


@pytest.mark.slow
def test_a_quoted_paragraph_continues_the_quote_before(run):
    text = "“The dam held,” the engineer Sara Lind said.\n\n“Nobody expected that, not even us.”"
    quotes = run(text, [("Sara Lind", "lind", "person", None, "name")])
    assert _one(quotes, "direct", "Nobody expected that, not even us.").speaker == "lind"


@pytest.mark.slow
def test_a_statement_saying_belongs_to_who_issued_it(run):
    text = "The ministry issued a statement saying the border would close at noon."
    quotes = run(text, [("The ministry", "min", "organisation", "GOV", "description")])
    assert _one(quotes, "indirect", "the border would close at noon").speaker == "min"


@pytest.mark.slow
def test_a_cue_joined_to_the_reported_clause_keeps_the_first_speaker(run):
    text = (
        "Omar Haddad visited the harbour. He stressed that the port had reopened "
        "and said exports would resume on Monday."
    )
    quotes = run(text, [("Omar Haddad", "haddad", "person", "GOV", "name")])
    assert _one(quotes, "indirect", "exports would resume on Monday").speaker == "haddad"


@pytest.mark.slow
def test_clause_on_a_participle_goes_to_the_speech_verb(run):
    text = "Ruth Adler said in an interview posted online on Sunday that the clinic would close."
    quotes = run(text, [("Ruth Adler", "adler", "person", None, "name")])
    quote = _one(quotes, "indirect", "the clinic would close")
    assert quote.speaker == "adler" and text[quote.cue[0] : quote.cue[1]] == "said"


@pytest.mark.slow
def test_a_partial_quote_skips_a_cue_of_another_class(run):
    text = (
        "The palace says any deal must be signed by both leaders, showing “respect for the border”."
    )
    quotes = run(text, [("The palace", "palace", "organisation", "GOV", "metonym")])
    assert _one(quotes, "partial", "respect for the border").speaker == "palace"


# -- PolNeAR's definition ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_polnear(nlp):
    from dateline.stages.quotes import POLNEAR, QuoteStage

    stage = QuoteStage(**POLNEAR)
    stage.initialize(None)

    def apply(text: str):
        document = _mentions(text, [])
        document.doc = nlp(text)
        return stage(document).quotes

    return apply


@pytest.mark.slow
def test_polnear_takes_intentions_and_stances(run_polnear, run):
    wants = "Senator Cole wants to cut the fuel tax next year."
    calls = "The teachers' union called for higher wages and smaller classes."
    assert _one(run_polnear(wants), "indirect", "to cut the fuel tax next year")
    assert _one(run_polnear(calls), "indirect", "higher wages and smaller classes")
    assert run(wants) == [] and run(calls) == []


@pytest.mark.slow
def test_polnear_takes_beliefs(run_polnear, run):
    text = "Most farmers believe the drought will last another year."
    assert _one(run_polnear(text), "indirect", "the drought will last another year")
    assert run(text) == []


def test_sentence_index_finds_the_sentence_of_an_offset(nlp):
    from dateline.stages.actors.sentences import SentenceIndex

    doc = nlp("The rain stopped. The river fell by noon.")
    index = SentenceIndex(doc)
    assert len(index) == 2
    assert index.chars_at(20) == (18, len(doc.text))
    assert index.chars_at(0) == (0, 17)


# -- PolNeAR ---------------------------------------------------------------------------------


def test_parse_ann_reads_fragments_and_roles():
    text = "“We won,” Ann said. “Again.”"
    ann = (
        "T1\tSource 10 13\tAnn\n"
        "T2\tCue 14 18\tsaid\n"
        "T3\tContent 0 9;20 28\t“We won,” “Again.”\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (attribution,) = parse_ann(ann, text)
    assert attribution.content == [(0, 9), (20, 28)]
    assert attribution.source == [(10, 13)] and attribution.direct


@pytest.mark.slow
def test_a_coordinated_new_statement_ends_the_reported_clause(run):
    text = (
        "The minister said the harbour had reopened on Tuesday and added that two more "
        "ferries would sail this week."
    )
    quotes = run(text)
    first = _one(quotes, "indirect", "the harbour had reopened on Tuesday")
    assert "ferries" not in first.text


@pytest.mark.slow
def test_a_trailing_gloss_after_a_comma_is_the_writers_not_the_speakers(run):
    text = (
        "The mayor said the market had reopened on Tuesday, which surprised many traders "
        "in the town."
    )
    quote = _one(run(text), "indirect", "the market had reopened on Tuesday")
    assert "surprised" not in quote.text
