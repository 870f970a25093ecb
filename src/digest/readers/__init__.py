"""Readers: files and feeds to articles. Importing the package registers every reader by the
extensions it reads (:mod:`digest.readers.base`); :mod:`digest.readers.scan` walks the sources
and asks that registry."""

from digest.readers import exports, feeds, mail, opml, pages, plain, rst

__all__ = ["exports", "feeds", "mail", "opml", "pages", "plain", "rst"]
