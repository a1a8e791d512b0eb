"""Class/id tokens that name page regions which are not the body."""

from __future__ import annotations

#: Tokens of regions that are not article body even when an extractor kept them.
STRONG = frozenset(
    [
        "share",
        "sharing",
        "sharebar",
        "sharedaddy",
        "related",
        "recommended",
        "recommendations",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "promo",
        "breadcrumb",
        "breadcrumbs",
        "nav",
        "navbar",
        "navigation",
        "footer",
        "tags",
        "tagcloud",
        "pagination",
        "pager",
        "cookie",
        "cookies",
    ]
)
#: Tokens that often name boilerplate but also real content ("menu" of a restaurant, a "widget" recipe box):
#: trusted only for blocks the extractor did not keep.
WEAK = frozenset(
    [
        "social",
        "socials",
        "advert",
        "advertisement",
        "ads",
        "ad",
        "sponsored",
        "sponsor",
        "menu",
        "sidebar",
        "widget",
        "banner",
        "popup",
        "modal",
    ]
)
BOILERPLATE = STRONG | WEAK
#: Tokens of caption and teaser regions: paragraphs the vote missed are not recovered from them.
NOT_PROSE = frozenset(["caption", "credit", "credits", "photo", "trending"])
#: Tokens of media and teaser regions: not prose beside an article, but the content of a listing.
MEDIA = frozenset(
    [
        "image",
        "img",
        "gallery",
        "slide",
        "slides",
        "slider",
        "slideshow",
        "carousel",
        "swiper",
        "teaser",
        "rail",
        "thumbnail",
        "thumb",
        "attachment",
    ]
)
#: Tokens of a comment section.
COMMENTS = frozenset(["comment", "comments", "commentlist", "disqus", "respond", "replies"])


def boilerplate_token(tokens: frozenset[str], strong_only: bool = False) -> str | None:
    """The first boilerplate token among `tokens` (sorted, for a stable answer), or None."""
    hits = tokens & (STRONG if strong_only else BOILERPLATE)
    return min(hits) if hits else None


def not_prose_token(tokens: frozenset[str], article: bool = False) -> bool:
    """Tokens of a boilerplate region or of one that holds no body prose (captions; on an `article`, media)."""
    return bool(tokens & (BOILERPLATE | NOT_PROSE)) or (article and bool(tokens & MEDIA))


def is_comment_tokens(tokens: frozenset[str]) -> bool:
    return bool(tokens & COMMENTS)
