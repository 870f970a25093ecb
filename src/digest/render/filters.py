"""What the templates call: filters on stories and the digest, and :class:`Words`, the labels,
dates and numbers of the digest's locale (``L`` in a template)."""

from __future__ import annotations

from datetime import datetime
from email.utils import parseaddr

import markupsafe

from digest.compose import clamped_since, headline
from digest.model import Article, Digest, Footer
from digest.render.labels import Labels
from digest.render.words import blurb, capped, dir_of, lang, tidy

WORDS_PER_MINUTE = 230

# After the preheader: invisible joiners and spaces, so that an inbox's preview line ends
# with the preheader rather than running on into the masthead's text.
PREHEADER_PADDING = markupsafe.Markup("&#847;&#8204;&#160;" * 60)


def reading_minutes(article: Article) -> int:
    return max(1, round(article.words / WORDS_PER_MINUTE))


def digest_minutes(digest: Digest) -> int:
    """How long the email itself takes to read: its headlines, summaries, blurbs and quotes."""
    words = 0
    for story in digest.stories:
        text = (
            " ".join(story.summary)
            if story is digest.lead
            else blurb(story.summary, digest.blurb_words)
        )
        words += len(story.article.title.split()) + len(text.split())
    if digest.lead is not None and digest.lead.key_quote is not None:
        words += len(capped(digest.lead.key_quote.text).split())
    words += sum(len(s.article.title.split()) for s in digest.more)
    return max(1, round(words / WORDS_PER_MINUTE))


def shown_since(digest: Digest) -> datetime:
    """The window's start as the page says it: never before the oldest story in it (a window
    from 2000 reads as the span of the stories it holds)."""
    return clamped_since(digest.window.since, (*digest.stories, *digest.more, *digest.unlisted))


def sender_name(footer: Footer) -> str:
    """Who sends the digest, by name: never the raw address (an address with no name shows
    its domain)."""
    name, address = parseaddr(footer.sender)
    return name or address.rpartition("@")[2] or footer.address.rpartition("@")[2]


class Words(Labels):
    """:class:`Labels` with what a story's line says: when it was published."""

    @property
    def lang(self) -> str:
        return str(self.locale).replace("_", "-")

    def published(self, article: Article) -> str:
        """When the article appeared; a date from a file name has no time of day to show."""
        moment = article.published
        return self.day(moment) if article.date_source == "filename" else self.when(moment)

    def footer_links(self, footer: Footer) -> list[tuple[str, str]]:
        links = [
            ("view_in_browser", footer.view_url),
            ("archive", footer.archive_url),
            ("forward", footer.forward_url),
            ("subscribe", footer.subscribe_url),
            ("unsubscribe", footer.unsubscribe_url),
            ("manage", footer.manage_url),
        ]
        return [(self(key), url) for key, url in links if url]


def footer_links(footer: Footer, words: Words) -> list[tuple[str, str]]:
    return words.footer_links(footer)


def quote(text: str) -> str:
    """A quotation as a pull quote shows it: capped, its stray marks tidied."""
    return tidy(capped(text))


FILTERS = {
    "headline": headline,
    "blurb": blurb,
    "quote": quote,
    "minutes": reading_minutes,
    "reading_minutes": digest_minutes,
    "story_lang": lang,
    "story_dir": dir_of,
    "shown_since": shown_since,
    "sender_name": sender_name,
    "footer_links": footer_links,
}
