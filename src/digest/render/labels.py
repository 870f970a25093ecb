"""The digest's words in its locale: a small catalog of labels per language, and Babel (which
ships the CLDR data, so this works offline) for dates, numbers and plural forms.

A label with a count is a table of CLDR plural forms (``one``, ``few``, ``other``...); a
locale with no catalog of its own (or a label missing from one) falls back to English, while
its dates and numbers are still its own.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

Label = str | dict[str, str]

EN: dict[str, Label] = {
    "in_this_issue": "In this issue",
    "more_stories": "More headlines",
    "quote_of_the_day": "Quote of the day",
    "read_more": "Read more",
    "min_read": {"one": "{n} min read", "other": "{n} min read"},
    "stories": {"one": "{n} story", "other": "{n} stories"},
    "headlines_below": {
        "one": "and {n} more headline below",
        "other": "and {n} more headlines below",
    },
    "also_reported": "Also reported by",
    "published": "Stories published {since} – {until}",
    "from_sources": "from {sources}",
    "not_listed": "and {n} more from this window, not listed to keep this email whole",
    "view_in_browser": "View in browser",
    "archive": "Archive",
    "forward": "Forward",
    "subscribe": "Subscribe",
    "unsubscribe": "Unsubscribe",
    "manage": "Manage your subscription",
    "sent_by": "Sent by {name}.",
    "top_story": "Top story",
    "reason": "You get this digest because you subscribed to {title}.",
    "other_news": "Other news",
}

CATALOGS: dict[str, dict[str, Label]] = {
    "en": EN,
    "fr": {
        "in_this_issue": "Dans ce numéro",
        "more_stories": "Autres titres",
        "quote_of_the_day": "Citation du jour",
        "read_more": "Lire la suite",
        "min_read": {"one": "{n} min de lecture", "other": "{n} min de lecture"},
        "stories": {"one": "{n} article", "other": "{n} articles"},
        "headlines_below": {
            "one": "et {n} autre titre plus bas",
            "other": "et {n} autres titres plus bas",
        },
        "also_reported": "Aussi rapporté par",
        "published": "Articles publiés du {since} au {until}",
        "from_sources": "sources : {sources}",
        "not_listed": "et {n} autres de cette période, non listés pour garder ce courriel entier",
        "view_in_browser": "Voir dans le navigateur",
        "archive": "Archives",
        "forward": "Transférer",
        "subscribe": "S’abonner",
        "unsubscribe": "Se désabonner",
        "manage": "Gérer votre abonnement",
        "sent_by": "Envoyé par {name}.",
        "top_story": "À la une",
        "reason": "Vous recevez ce résumé parce que vous êtes abonné à {title}.",
        "other_news": "Autres nouvelles",
    },
    "de": {
        "in_this_issue": "In dieser Ausgabe",
        "more_stories": "Weitere Schlagzeilen",
        "quote_of_the_day": "Zitat des Tages",
        "read_more": "Weiterlesen",
        "min_read": {"one": "{n} Min. Lesezeit", "other": "{n} Min. Lesezeit"},
        "stories": {"one": "{n} Artikel", "other": "{n} Artikel"},
        "headlines_below": {
            "one": "und {n} weitere Schlagzeile unten",
            "other": "und {n} weitere Schlagzeilen unten",
        },
        "also_reported": "Auch berichtet von",
        "published": "Artikel veröffentlicht {since} – {until}",
        "from_sources": "von {sources}",
        "not_listed": "und {n} weitere aus diesem Zeitraum, nicht aufgeführt, damit die "
        "E-Mail vollständig bleibt",
        "view_in_browser": "Im Browser ansehen",
        "archive": "Archiv",
        "forward": "Weiterleiten",
        "subscribe": "Abonnieren",
        "unsubscribe": "Abbestellen",
        "manage": "Abonnement verwalten",
        "sent_by": "Gesendet von {name}.",
        "top_story": "Top-Thema",
        "reason": "Sie erhalten diesen Überblick, weil Sie {title} abonniert haben.",
        "other_news": "Weitere Nachrichten",
    },
    "es": {
        "in_this_issue": "En este número",
        "more_stories": "Más titulares",
        "quote_of_the_day": "La cita del día",
        "read_more": "Leer más",
        "min_read": {"one": "{n} min de lectura", "other": "{n} min de lectura"},
        "stories": {"one": "{n} noticia", "other": "{n} noticias"},
        "headlines_below": {"one": "y {n} titular más abajo", "other": "y {n} titulares más abajo"},
        "also_reported": "También informaron",
        "published": "Noticias publicadas del {since} al {until}",
        "from_sources": "de {sources}",
        "not_listed": "y {n} más de este periodo, no listadas para que el correo llegue entero",
        "view_in_browser": "Ver en el navegador",
        "archive": "Archivo",
        "forward": "Reenviar",
        "subscribe": "Suscribirse",
        "unsubscribe": "Darse de baja",
        "manage": "Gestionar la suscripción",
        "sent_by": "Enviado por {name}.",
        "top_story": "Noticia principal",
        "reason": "Recibe este resumen porque se suscribió a {title}.",
        "other_news": "Otras noticias",
    },
    "it": {
        "in_this_issue": "In questo numero",
        "more_stories": "Altri titoli",
        "quote_of_the_day": "La citazione del giorno",
        "read_more": "Continua a leggere",
        "min_read": {"one": "{n} min di lettura", "other": "{n} min di lettura"},
        "stories": {"one": "{n} articolo", "other": "{n} articoli"},
        "headlines_below": {
            "one": "e {n} altro titolo più sotto",
            "other": "e altri {n} titoli più sotto",
        },
        "also_reported": "Riportato anche da",
        "published": "Articoli pubblicati dal {since} al {until}",
        "from_sources": "da {sources}",
        "not_listed": "e altri {n} di questo periodo, non elencati per non tagliare l’email",
        "view_in_browser": "Apri nel browser",
        "archive": "Archivio",
        "forward": "Inoltra",
        "subscribe": "Iscriviti",
        "unsubscribe": "Annulla l’iscrizione",
        "manage": "Gestisci l’iscrizione",
        "sent_by": "Inviato da {name}.",
        "top_story": "In primo piano",
        "reason": "Ricevi questo riepilogo perché sei iscritto a {title}.",
        "other_news": "Altre notizie",
    },
    "pt": {
        "in_this_issue": "Nesta edição",
        "more_stories": "Mais manchetes",
        "quote_of_the_day": "Citação do dia",
        "read_more": "Leia mais",
        "min_read": {"one": "{n} min de leitura", "other": "{n} min de leitura"},
        "stories": {"one": "{n} notícia", "other": "{n} notícias"},
        "headlines_below": {
            "one": "e mais {n} manchete abaixo",
            "other": "e mais {n} manchetes abaixo",
        },
        "also_reported": "Também noticiado por",
        "published": "Notícias publicadas de {since} a {until}",
        "from_sources": "de {sources}",
        "not_listed": "e mais {n} deste período, não listadas para o e-mail chegar inteiro",
        "view_in_browser": "Ver no navegador",
        "archive": "Arquivo",
        "forward": "Encaminhar",
        "subscribe": "Assinar",
        "unsubscribe": "Cancelar inscrição",
        "manage": "Gerir a assinatura",
        "sent_by": "Enviado por {name}.",
        "top_story": "Destaque",
        "reason": "Recebe este resumo porque assinou {title}.",
        "other_news": "Outras notícias",
    },
    "nl": {
        "in_this_issue": "In dit nummer",
        "more_stories": "Meer koppen",
        "quote_of_the_day": "Citaat van de dag",
        "read_more": "Lees verder",
        "min_read": {"one": "{n} min. leestijd", "other": "{n} min. leestijd"},
        "stories": {"one": "{n} artikel", "other": "{n} artikelen"},
        "headlines_below": {
            "one": "en nog {n} kop hieronder",
            "other": "en nog {n} koppen hieronder",
        },
        "also_reported": "Ook gemeld door",
        "published": "Artikelen gepubliceerd {since} – {until}",
        "from_sources": "van {sources}",
        "not_listed": "en nog {n} uit deze periode, niet vermeld zodat deze e-mail heel blijft",
        "view_in_browser": "Bekijk in de browser",
        "archive": "Archief",
        "forward": "Doorsturen",
        "subscribe": "Abonneren",
        "unsubscribe": "Afmelden",
        "manage": "Abonnement beheren",
        "sent_by": "Verzonden door {name}.",
        "top_story": "Hoofdverhaal",
        "reason": "U ontvangt dit overzicht omdat u geabonneerd bent op {title}.",
        "other_news": "Overig nieuws",
    },
    "ru": {
        "in_this_issue": "В этом выпуске",
        "more_stories": "Другие заголовки",
        "quote_of_the_day": "Цитата дня",
        "read_more": "Читать дальше",
        "min_read": {
            "one": "{n} мин чтения",
            "few": "{n} мин чтения",
            "many": "{n} мин чтения",
            "other": "{n} мин чтения",
        },
        "stories": {
            "one": "{n} статья",
            "few": "{n} статьи",
            "many": "{n} статей",
            "other": "{n} статьи",
        },
        "headlines_below": {
            "one": "и ещё {n} заголовок ниже",
            "few": "и ещё {n} заголовка ниже",
            "many": "и ещё {n} заголовков ниже",
            "other": "и ещё {n} заголовка ниже",
        },
        "also_reported": "Также сообщили",
        "published": "Статьи, опубликованные с {since} по {until}",
        "from_sources": "источники: {sources}",
        "not_listed": "и ещё {n} за этот период: не показаны, чтобы письмо не обрезалось",
        "view_in_browser": "Открыть в браузере",
        "archive": "Архив",
        "forward": "Переслать",
        "subscribe": "Подписаться",
        "unsubscribe": "Отписаться",
        "manage": "Управление подпиской",
        "sent_by": "Отправитель: {name}.",
        "top_story": "Главное",
        "reason": "Вы получаете эту рассылку, потому что подписались на {title}.",
        "other_news": "Другие новости",
    },
    "ar": {
        "in_this_issue": "في هذا العدد",
        "more_stories": "عناوين أخرى",
        "quote_of_the_day": "اقتباس اليوم",
        "read_more": "اقرأ المزيد",
        "min_read": {
            "zero": "{n} دقيقة قراءة",
            "one": "دقيقة قراءة واحدة",
            "two": "دقيقتا قراءة",
            "few": "{n} دقائق قراءة",
            "many": "{n} دقيقة قراءة",
            "other": "{n} دقيقة قراءة",
        },
        "stories": {
            "zero": "لا أخبار",
            "one": "خبر واحد",
            "two": "خبران",
            "few": "{n} أخبار",
            "many": "{n} خبرًا",
            "other": "{n} خبر",
        },
        "headlines_below": {
            "zero": "",
            "one": "وعنوان آخر أدناه",
            "two": "وعنوانان آخران أدناه",
            "few": "و{n} عناوين أخرى أدناه",
            "many": "و{n} عنوانًا آخر أدناه",
            "other": "و{n} عنوان آخر أدناه",
        },
        "also_reported": "نقلته أيضًا",
        "published": "أخبار منشورة من {since} إلى {until}",
        "from_sources": "من {sources}",
        "not_listed": "و{n} أخرى من هذه الفترة، لم تُدرج كي لا تُقتطع الرسالة",
        "view_in_browser": "اعرض في المتصفح",
        "archive": "الأرشيف",
        "forward": "أعد التوجيه",
        "subscribe": "اشترك",
        "unsubscribe": "إلغاء الاشتراك",
        "manage": "إدارة الاشتراك",
        "sent_by": "أرسلها {name}.",
        "top_story": "الخبر الرئيسي",
        "reason": "تصلك هذه النشرة لأنك مشترك في {title}.",
        "other_news": "أخبار أخرى",
    },
}


@cache
def locale_of(name: str) -> Locale:
    """The Babel locale for a name ("fr", "pt_BR", "en-GB"); English for one Babel lacks."""
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


class Labels:
    """The labels, dates and numbers of one locale, for the templates."""

    def __init__(self, name: str = "en") -> None:
        self.locale = locale_of(name)
        self.catalog = CATALOGS.get(self.locale.language, EN)
        self.dir = "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def __call__(self, key: str, **values: object) -> str:
        """A label, with its ``{placeholders}`` filled."""
        label = self.catalog.get(key, EN[key])
        if isinstance(label, dict):
            label = label["other"]
        return label.format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """A label that says a number, in the plural form the locale uses for it."""
        label = self.catalog.get(key, EN[key])
        if isinstance(label, dict):
            form = self.locale.plural_form(n)
            label = label.get(form, label["other"])
        return label.format(n=self.number(n), **values)

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def date(self, moment: datetime) -> str:
        """The edition's date: "Friday, 27 November 2026" in the locale's own form."""
        return format_date(moment, "full", locale=self.locale)

    def day(self, moment: datetime) -> str:
        return format_skeleton("yMMMd", moment, locale=self.locale)

    def when(self, moment: datetime) -> str:
        """A moment in local time: "27 Nov 2026 07:00" as the locale writes it."""
        time = format_time(moment, "short", tzinfo=moment.tzinfo, locale=self.locale)
        return f"{self.day(moment)} {time}"
