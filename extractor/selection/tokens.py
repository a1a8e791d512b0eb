"""Class/id tokens that name page regions which are not the body."""

from __future__ import annotations

#: Tokens of regions that are never article body.
BOILERPLATE = frozenset(
    [
        "share",
        "sharing",
        "sharebar",
        "social",
        "socials",
        "related",
        "recommended",
        "recommendations",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "promo",
        "advert",
        "advertisement",
        "ads",
        "ad",
        "sponsored",
        "sponsor",
        "breadcrumb",
        "breadcrumbs",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "footer",
        "sidebar",
        "widget",
        "cookie",
        "cookies",
        "banner",
        "popup",
        "modal",
        "tags",
        "tagcloud",
        "pagination",
        "pager",
    ]
)
#: Tokens of a comment section.
COMMENTS = frozenset(["comment", "comments", "commentlist", "disqus", "respond", "replies"])


def boilerplate_token(tokens: frozenset[str]) -> str | None:
    """The first boilerplate token among `tokens` (sorted, for a stable answer), or None."""
    hits = tokens & BOILERPLATE
    return min(hits) if hits else None


def is_comment_tokens(tokens: frozenset[str]) -> bool:
    return bool(tokens & COMMENTS)
