"""Stories: reprint groups plus closely related articles about the same event.

A new reprint group joins an existing story when its first article shares at least
`story_min_shared_keywords` keywords with the story, names one of its places or
organisations, and is dated within `story_window_days` of the story's first and last dates.
Candidates come from an inverted index keyword -> recent stories, so linking one article
costs a few dictionary lookups, never a scan of all stories.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from huibao.connect.model import Features
from huibao.connect.settings import ConnectSettings


@dataclass(slots=True)
class StoryProfile:
    """A story's running profile (mutable index state, not a record)."""

    id: int
    keywords: list[str] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None

    def absorb(self, features: Features, max_keywords: int) -> list[str]:
        """Take an article's features in; returns keywords new to the story."""
        new = [k for k in features.keywords if k not in self.keywords]
        new = new[: max(0, max_keywords - len(self.keywords))]
        self.keywords.extend(new)
        self.places.update(features.places)
        self.organisations.update(features.organisations)
        when = features.published
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)
        return new

    def near_in_time(self, when: datetime | None, window: timedelta) -> bool:
        if when is None or self.first is None or self.last is None:
            return False
        return self.first - window <= when <= self.last + window

    def shares_entity(self, features: Features) -> bool:
        return bool(
            self.places.intersection(features.places)
            or self.organisations.intersection(features.organisations)
        )


class StoryLinker:
    """Story profiles, the keyword -> stories index, and merges (old id -> surviving id)."""

    def __init__(self, settings: ConnectSettings) -> None:
        self.settings = settings
        self.profiles: dict[int, StoryProfile] = {}
        self.merged: dict[int, int] = {}
        self._postings: dict[str, deque[int]] = {}
        self.next_id = 1

    def resolve(self, story_id: int) -> int:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def new_story(self, story_id: int | None = None) -> int:
        """A fresh story (or a known id when the index is being restored)."""
        if story_id is None:
            story_id = self.next_id
        self.next_id = max(self.next_id, story_id + 1)
        self.profiles.setdefault(story_id, StoryProfile(story_id))
        return story_id

    def absorb(self, story_id: int, features: Features) -> None:
        profile = self.profiles[story_id]
        for word in profile.absorb(features, self.settings.story_keywords):
            posting = self._postings.setdefault(word, deque(maxlen=self.settings.posting_cap))
            posting.append(story_id)

    def related(self, features: Features) -> int | None:
        """The story an article about the same event belongs to, or None."""
        if features.published is None or not features.keywords:
            return None
        shared: Counter[int] = Counter()
        for word in set(features.keywords):
            shared.update({self.resolve(s) for s in self._postings.get(word, ())})
        window = timedelta(days=self.settings.story_window_days)
        for story_id, count in shared.most_common(self.settings.story_max_candidates):
            if count < self.settings.story_min_shared_keywords:
                break
            profile = self.profiles[story_id]
            if profile.near_in_time(features.published, window) and profile.shares_entity(features):
                return story_id
        return None

    def merge(self, story_ids: set[int]) -> tuple[int, tuple[int, ...]]:
        """Fold stories into the oldest (smallest id); returns (survivor, merged ids)."""
        survivor = min(story_ids)
        gone = tuple(sorted(story_ids - {survivor}))
        keep = self.profiles[survivor]
        for story_id in gone:
            old = self.profiles.pop(story_id)
            self.merged[story_id] = survivor
            for word in old.keywords:
                if word not in keep.keywords and len(keep.keywords) < self.settings.story_keywords:
                    keep.keywords.append(word)
            keep.places |= old.places
            keep.organisations |= old.organisations
            for when in (old.first, old.last):
                if when is not None:
                    keep.absorb(Features(published=when), 0)
        return survivor, gone
