"""The reprint index: exact digests, MinHash LSH bands, reprint groups and stories.

Everything is incremental: `add` places one article by looking up its digest and its LSH
buckets, never by comparing it with every stored article, and merges groups (and their
stories) when one article bridges them. The index is plain in-memory state; the store keeps
one `Entry` per article and `ReprintIndex.restore` rebuilds the index from them, so nothing
here does I/O or reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from huibao.connect.bands import BandIndex
from huibao.connect.model import Entry, Features, Placement
from huibao.connect.settings import ConnectSettings
from huibao.connect.shingles import Signature, Signer, containment, jaccard
from huibao.connect.stories import StoryLinker

#: Candidate count above which candidates are first screened with one vectorised comparison.
PREFILTER_FROM = 16


@dataclass(slots=True)
class _Group:
    id: int
    story: int
    members: list[int] = field(default_factory=list)


def is_reprint(a: Signature, b: Signature, settings: ConnectSettings) -> bool:
    """Whether two signatures are one text (same digest, similar, or one contained in other)."""
    if a.digest and a.digest == b.digest:
        return True
    if min(a.size, b.size) < settings.min_shingles:
        return False
    similarity = jaccard(a, b)
    if similarity >= settings.jaccard_threshold:
        return True
    return (
        similarity >= settings.containment_min_jaccard
        and containment(a, b, similarity) >= settings.containment_threshold
    )


class ReprintIndex:
    """Places articles into reprint groups and stories as they arrive (see module doc)."""

    def __init__(self, settings: ConnectSettings | None = None) -> None:
        self.settings = settings or ConnectSettings()
        self.signer = Signer(self.settings)
        self.stories = StoryLinker(self.settings)
        self._lsh = BandIndex(self.settings.lsh_threshold, self.settings.num_perm)
        self._signatures: dict[int, Signature] = {}
        self._digests: dict[str, int] = {}
        self._groups: dict[int, _Group] = {}  # article id -> its group
        self._by_id: dict[int, _Group] = {}  # group id -> group
        self._next_group = 1

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._groups

    def group_of(self, article_id: int) -> int | None:
        group = self._groups.get(article_id)
        return group.id if group else None

    def story_of(self, article_id: int) -> int | None:
        group = self._groups.get(article_id)
        return self.stories.resolve(group.story) if group else None

    def members(self, article_id: int) -> list[int]:
        """The ids of the articles in `article_id`'s reprint group (itself included)."""
        group = self._groups.get(article_id)
        return sorted(group.members) if group else []

    def add(self, article_id: int, signature: Signature, features: Features) -> Placement:
        """Place a new article; an article already in the index keeps its place."""
        if article_id in self._groups:
            group = self._groups[article_id]
            return Placement(article_id, group.id, self.stories.resolve(group.story), "known")
        keys = self._lsh.keys(signature.values)
        matched, how = self._matches(signature, keys)
        self._remember(article_id, signature, keys, exact=how == "exact")
        if matched:
            return self._join(article_id, matched, how, features)
        story = self.stories.related(features)
        how = "related" if story is not None else "new"
        story = self.stories.new_story() if story is None else story
        group = self._new_group(article_id, story)
        self.stories.absorb(story, features)
        return Placement(article_id, group.id, story, how)

    def matches(self, signature: Signature) -> tuple[list[int], str]:
        """Articles already indexed that are the same text as `signature`, and how found."""
        return self._matches(signature, self._lsh.keys(signature.values))

    def _matches(self, signature: Signature, keys: list[int]) -> tuple[list[int], str]:
        if signature.digest in self._digests:
            return [self._digests[signature.digest]], "exact"
        if signature.size < self.settings.min_shingles:
            return [], ""
        candidates = list(self._lsh.query(keys))
        if len(candidates) > PREFILTER_FROM:
            # Template texts (daily reports) collect hundreds of candidates: one numpy
            # comparison drops those too far apart for either test before the exact checks.
            stacked = np.stack([self._signatures[c].values for c in candidates])
            similarity = (stacked == signature.values).mean(axis=1)
            floor = min(self.settings.jaccard_threshold, self.settings.containment_min_jaccard)
            candidates = [c for c, s in zip(candidates, similarity, strict=True) if s >= floor]
        found = [c for c in candidates if is_reprint(signature, self._signatures[c], self.settings)]
        return sorted(found), "near" if found else ""

    def restore(self, entries: Iterable[Entry], merged_stories: Iterable[tuple[int, int]]) -> None:
        """Rebuild the index from stored entries (in arrival order) and story merges."""
        for old, survivor in merged_stories:
            self.stories.merged[old] = survivor
            self.stories.next_id = max(self.stories.next_id, old + 1)
        for entry in entries:
            exact = entry.signature.digest in self._digests
            keys = self._lsh.keys(entry.signature.values)
            self._remember(entry.article_id, entry.signature, keys, exact)
            group = self._group_by_id(entry.group_id)
            if group is None:
                story = self.stories.new_story(self.stories.resolve(entry.story_id))
                group = self._new_group(entry.article_id, story, entry.group_id)
            else:
                group.members.append(entry.article_id)
                self._groups[entry.article_id] = group
            self.stories.absorb(self.stories.resolve(group.story), entry.features)

    # -- internals ---------------------------------------------------------------------------

    def _remember(
        self, article_id: int, signature: Signature, keys: list[int], exact: bool
    ) -> None:
        if signature.digest and signature.digest not in self._digests:
            self._digests[signature.digest] = article_id
        if not exact and signature.size >= self.settings.min_shingles:
            self._signatures[article_id] = signature
            self._lsh.insert(article_id, keys)

    def _new_group(self, article_id: int, story: int, group_id: int | None = None) -> _Group:
        group = _Group(self._next_group if group_id is None else group_id, story, [article_id])
        self._next_group = max(self._next_group, group.id + 1)
        self._groups[article_id] = group
        self._by_id[group.id] = group
        return group

    def _group_by_id(self, group_id: int) -> _Group | None:
        return self._by_id.get(group_id)

    def _join(self, article_id: int, matched: list[int], how: str, features: Features) -> Placement:
        groups = list({id(g): g for g in (self._groups[m] for m in matched)}.values())
        survivor = max(groups, key=lambda g: len(g.members))  # move the fewest members
        group_id = min(g.id for g in groups)
        merged_groups = tuple(sorted(g.id for g in groups if g.id != group_id))
        story, merged_stories = self.stories.merge({self.stories.resolve(g.story) for g in groups})
        for group in groups:
            del self._by_id[group.id]
            if group is not survivor:
                for member in group.members:
                    self._groups[member] = survivor
                survivor.members.extend(group.members)
        survivor.id = group_id
        self._by_id[group_id] = survivor
        survivor.story = story
        survivor.members.append(article_id)
        self._groups[article_id] = survivor
        self.stories.absorb(story, features)
        return Placement(
            article_id, survivor.id, story, how, tuple(matched), merged_groups, merged_stories
        )
