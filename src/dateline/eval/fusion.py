"""Cross-document event coreference on ECB+: does fusion put the same event together?

>>> report = evaluate([shared / "eval/ecbplus"])          # doctest: +SKIP
>>> print(report.to_table())                               # doctest: +SKIP

The gold action mentions (``ACTION_*`` and ``NEG_ACTION_*``) of each topic are clustered by
:func:`dateline.fusion.cluster_features`, the very function ``dateline fuse`` uses, with features
taken from the document the way fusion takes them from a record: the trigger's lemma, the words
of its sentence, and the participants, locations and times annotated in the document. Gold
clusters are the ``CROSS_DOC_COREF`` instance ids (``INTRA_DOC_COREF`` chains, then singletons,
for mentions outside them). Scores: MUC, B³, CEAF-e and CoNLL F1 (their mean), per topic and
over all topics, for a same-lemma baseline and for fusion.

Only the standard train and dev topics are read (dev by default: 2, 5, 12, 18, 21, 23, 34, 35);
test topics 36-45 are never scored here. Only sentences listed in
``ECBplus_coreference_sentences.csv`` count; where that file is absent, the sentences that hold a
mention of a cross-document chain stand in for it (the report says which).
"""

from __future__ import annotations

import csv
import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..fusion import THRESHOLD, EventFeatures, cluster_features, content_words, trigger_lemma
from .matching import max_weight_matching
from .report import EvalReport

log = logging.getLogger(__name__)

DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS: tuple[int, ...] = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 20, 22,
                                 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)  # fmt: skip
TEST_TOPICS: frozenset[int] = frozenset(range(36, 46))
SENTENCE_INDEX = "ECBplus_coreference_sentences.csv"

_ACTION = re.compile(r"^(NEG_)?ACTION_")
_PARTICIPANT = re.compile(r"^(HUMAN_PART|NON_HUMAN_PART)")
_LOCATION = re.compile(r"^LOC_")
_TIME = re.compile(r"^TIME_")

Mention = tuple[str, str]  # (document, m_id)


@dataclass
class GoldMention:
    doc: str
    m_id: str
    sentence: int
    text: str
    gold: str


@dataclass
class GoldDocument:
    name: str
    topic: int
    mentions: list[GoldMention]
    sentence_text: dict[int, str]
    participants: str
    locations: str
    times: str


# --- reading ECB+ -----------------------------------------------------------------------------


def find_sentence_index(root: Path) -> Path | None:
    for candidate in (root, *root.parents[:2]):
        found = sorted(candidate.rglob(SENTENCE_INDEX)) if candidate.is_dir() else []
        if found:
            return found[0]
    return None


def read_sentence_index(path: Path) -> dict[str, set[int]]:
    """``{document name: {sentence numbers}}`` from the ECB+ sentence index (Topic,File,Sentence)."""
    selected: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 3 or not row[2].strip().isdigit():
                continue  # the header
            name = row[1].strip()
            if not name.endswith(".xml"):
                name = f"{row[0].strip()}_{name}.xml" if "_" not in name else f"{name}.xml"
            selected[name].add(int(row[2]))
    return selected


def read_document(path: Path, topic: int, selected: set[int] | None) -> GoldDocument:
    """Tokens, gold action mentions with their cluster ids, and the document's participants,
    locations and times. ``selected`` limits the action mentions to those sentences (None: the
    sentences that hold a cross-document chain)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise GoldError(f"{path} is not well-formed ECB+ XML: {error}") from None
    tokens: dict[str, tuple[int, str]] = {}
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        tokens[token.get("t_id", "")] = (sentence, token.text or "")
        sentences[sentence].append(token.text or "")
    markables = root.find("Markables")
    anchored: dict[str, tuple[str, list[str]]] = {}
    for markable in list(markables) if markables is not None else []:
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if anchors:
            anchored[markable.get("m_id", "")] = (markable.tag, anchors)
    gold: dict[str, str] = {}
    in_chain: set[str] = set()
    relations = root.find("Relations")
    for relation in list(relations) if relations is not None else []:
        sources = [s.get("m_id", "") for s in relation.iter("source")]
        if relation.tag == "CROSS_DOC_COREF":
            for m_id in sources:
                gold[m_id] = relation.get("note") or f"{path.name}:{relation.get('r_id')}"
                in_chain.add(m_id)
        elif relation.tag == "INTRA_DOC_COREF":
            for m_id in sources:
                gold.setdefault(m_id, f"{path.name}:{relation.get('r_id')}")

    def words(pattern: re.Pattern[str]) -> str:
        return " ".join(
            tokens[t][1]
            for tag, anchors in anchored.values()
            if pattern.match(tag)
            for t in anchors
            if t in tokens
        )

    actions = [(m_id, anchors) for m_id, (tag, anchors) in anchored.items() if _ACTION.match(tag)]
    if selected is None:
        selected = {tokens[a[0]][0] for m_id, a in actions if m_id in in_chain and a[0] in tokens}
    mentions = []
    for m_id, anchors in actions:
        known = [t for t in anchors if t in tokens]
        if not known or tokens[known[0]][0] not in selected:
            continue
        mentions.append(
            GoldMention(
                doc=path.name,
                m_id=m_id,
                sentence=tokens[known[0]][0],
                text=" ".join(tokens[t][1] for t in known),
                gold=gold.get(m_id, f"{path.name}:{m_id}"),
            )
        )
    return GoldDocument(
        name=path.name,
        topic=topic,
        mentions=mentions,
        sentence_text={n: " ".join(ws) for n, ws in sentences.items()},
        participants=words(_PARTICIPANT),
        locations=words(_LOCATION),
        times=words(_TIME),
    )


def mention_features(document: GoldDocument, mention: GoldMention) -> EventFeatures:
    """A gold mention as fusion sees an event: trigger lemma, sentence words, and the
    participants, locations and times of its document."""
    return EventFeatures(
        key=f"{mention.doc}:{mention.m_id}",
        group=mention.doc,
        lemma=trigger_lemma(mention.text),
        words=content_words(document.sentence_text.get(mention.sentence)),
        participants=content_words(document.participants),
        places=content_words(document.locations),
        times=content_words(document.times),
    )


# --- scores -----------------------------------------------------------------------------------


Clusters = list[frozenset[Hashable]]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> tuple[int, int]:
        where = _index(b)
        num = den = 0
        for cluster in a:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num, den

    rn, rd = score(key, response)
    pn, pd = score(response, key)
    return _prf(pn / pd if pd else 0.0, rn / rd if rd else 0.0)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = _index(b)
        total, count = 0.0, 0
        for cluster in a:
            for m in cluster:
                other = b[where[m]] if m in where else frozenset([m])
                total += len(cluster & other) / len(cluster)
                count += 1
        return total / count if count else 0.0

    return _prf(score(response, key), score(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4), with the optimal one-to-one alignment of clusters."""
    where = _index(response)
    edges: dict[tuple[int, int], float] = {}
    for i, cluster in enumerate(key):
        for j in {where[m] for m in cluster if m in where}:
            overlap = len(cluster & response[j])
            edges[(i, j)] = 2 * overlap / (len(cluster) + len(response[j]))
    total = 0.0
    for keys, responses in _components(edges):
        matrix = [[edges.get((i, j), 0.0) for j in responses] for i in keys]
        total += _max_assignment(matrix)
    return _prf(total / len(response) if response else 0.0, total / len(key) if key else 0.0)


def _components(edges: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """The connected parts of the key-response overlap graph (each is aligned on its own)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(("k", i)), find(("r", j))
        if a != b:
            parent[a] = b
    parts: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, n = node
        parts[find(node)][0 if side == "k" else 1].append(n)
    return list(parts.values())


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total similarity of a one-to-one pairing (CEAF's alignment)."""
    return sum(weights[i][j] for i, j in max_weight_matching(weights))


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_clusters(key: Clusters, response: Clusters) -> dict[str, float]:
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    return {
        "muc_p": m[0], "muc_r": m[1], "muc": m[2],
        "b3_p": b[0], "b3_r": b[1], "b3": b[2],
        "ceafe_p": c[0], "ceafe_r": c[1], "ceafe": c[2],
        "conll": (m[2] + b[2] + c[2]) / 3,
    }  # fmt: skip


# --- the evaluation ---------------------------------------------------------------------------


def _topic_dirs(paths: Sequence[Path], topics: Iterable[int] | None) -> tuple[list[Path], Path]:
    """The topic folders to read, and the folder to look for the sentence index in."""
    wanted = set(topics) if topics is not None else set(DEV_TOPICS)
    found: list[Path] = []
    base = Path(paths[0]) if paths else Path(".")
    named: list[Path] = []  # topic folders passed by name are scored whatever ``topics`` says
    for path in map(Path, paths):
        if (path / "ECB+").is_dir():
            path = path / "ECB+"
        if path.is_dir() and path.name.isdigit() and any(path.glob("*.xml")):
            named.append(path)
        elif path.is_dir():
            found.extend(p for p in path.iterdir() if p.is_dir() and p.name.isdigit())
    chosen = sorted(
        {p for p in found if int(p.name) in wanted}
        | {p for p in named if int(p.name) not in TEST_TOPICS},
        key=lambda p: int(p.name),
    )
    if not chosen:
        raise GoldError(
            f"no ECB+ topic folders for topics {sorted(wanted)} under {', '.join(map(str, paths))}; "
            "pass the ecbplus folder (it holds ECB+/<topic>/*.xml)"
        )
    return chosen, base


def evaluate(
    paths: Sequence[Path],
    pipeline: Any = None,
    *,
    topics: Iterable[int] | None = None,
    threshold: float = THRESHOLD,
    weights: dict[str, float] | None = None,
    limit: int | None = None,
    details: bool = False,
    **options: Any,
) -> EvalReport:
    """Score fusion's clustering of ECB+ gold event mentions, topic by topic.

    ``topics`` defaults to the dev topics; test topics 36-45 are refused. ``limit`` scores only
    the first N topics. ``pipeline`` is not needed: the mentions are gold."""
    requested = set(topics) if topics is not None else set(DEV_TOPICS)
    held_out = sorted(requested & TEST_TOPICS)
    if held_out:
        raise GoldError(
            f"topics {held_out} are ECB+'s test split and are not scored here; "
            "use train or dev topics"
        )
    dirs, base = _topic_dirs(paths, requested)
    if limit:
        dirs = dirs[:limit]
    index_path = find_sentence_index(base)
    index = read_sentence_index(index_path) if index_path else None
    report = EvalReport(
        task="fusion (ECB+ cross-document event coreference, gold mentions)",
        columns=[
            "docs", "mentions", "gold", "lemma_conll",
            "muc", "b3", "ceafe", "conll", "clusters",
        ],
    )  # fmt: skip
    all_key: Clusters = []
    all_lemma: Clusters = []
    all_ours: Clusters = []
    for topic_dir in dirs:
        topic = int(topic_dir.name)
        documents = [
            read_document(path, topic, index.get(path.name, set()) if index is not None else None)
            for path in sorted(topic_dir.glob("*.xml"))
        ]
        pairs = [(d, m) for d in documents for m in d.mentions]
        keys = [(m.doc, m.m_id) for _, m in pairs]
        gold_groups: dict[str, set[Mention]] = defaultdict(set)
        for (_, m), key in zip(pairs, keys, strict=True):
            gold_groups[m.gold].add(key)
        features = [mention_features(d, m) for d, m in pairs]
        lemma_groups: dict[str | None, set[Mention]] = defaultdict(set)
        for f, key in zip(features, keys, strict=True):
            lemma_groups[f.lemma].add(key)
        # gold mentions are not merged within a document first, so one document's may join
        groups = cluster_features(
            features, threshold=threshold, block=lambda f: None, same_group=True, weights=weights
        )
        key_clusters: Clusters = [frozenset(g) for g in gold_groups.values()]
        lemma_clusters: Clusters = [frozenset(g) for g in lemma_groups.values()]
        our_clusters: Clusters = [frozenset(keys[i] for i in g) for g in groups]
        lemma = score_clusters(key_clusters, lemma_clusters)
        ours = score_clusters(key_clusters, our_clusters)
        report.rows.append(
            {
                "item": f"topic {topic}",
                "docs": len(documents),
                "mentions": len(keys),
                "gold": len(key_clusters),
                "lemma_conll": lemma["conll"],
                "muc": ours["muc"],
                "b3": ours["b3"],
                "ceafe": ours["ceafe"],
                "conll": ours["conll"],
                "clusters": len(our_clusters),
            }
        )
        all_key += key_clusters
        all_lemma += lemma_clusters
        all_ours += our_clusters
    lemma = score_clusters(all_key, all_lemma)
    ours = score_clusters(all_key, all_ours)
    report.total = {
        "docs": sum(r["docs"] for r in report.rows),
        "mentions": sum(r["mentions"] for r in report.rows),
        "gold": len(all_key),
        "lemma_conll": lemma["conll"],
        "muc": ours["muc"],
        "b3": ours["b3"],
        "ceafe": ours["ceafe"],
        "conll": ours["conll"],
        "clusters": len(all_ours),
    }
    report.notes.append(
        "same-lemma baseline: MUC {muc:.3f}  B3 {b3:.3f}  CEAF-e {ceafe:.3f}  CoNLL {conll:.3f}".format(
            **lemma
        )
    )
    report.notes.append(
        "fusion: MUC P/R {muc_p:.3f}/{muc_r:.3f}  B3 P/R {b3_p:.3f}/{b3_r:.3f}  "
        "CEAF-e P/R {ceafe_p:.3f}/{ceafe_r:.3f}".format(**ours)
    )
    report.notes.append(
        f"sentences: {index_path.name} ({index_path})"
        if index_path
        else f"sentences: {SENTENCE_INDEX} not found; used the sentences holding a "
        "cross-document chain mention instead"
    )
    report.notes.append(f"threshold {threshold}; topics clustered separately (gold topics)")
    return report
