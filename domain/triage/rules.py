"""Hand-written rules for the cases that must never slip: piracy, personal devices, chatter.

Patterns are written as ordinary words (Russian, transliterated or English) and reduced to
phonetic keys at import, so a rule written once also matches translit and common typos.
A trailing "*" means "any word starting with this"; otherwise the whole word must match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.triage.normalize import key


class Words:
    """A set of word patterns matched against message keys."""

    __slots__ = ("_exact", "_prefixes")

    def __init__(self, patterns: str) -> None:
        exact: set[str] = set()
        prefixes: set[str] = set()
        for p in patterns.split():
            if p.endswith("*"):
                prefixes.add(key(p[:-1].lower()))
            else:
                exact.add(key(p.lower()))
        self._exact = frozenset(exact)
        # Grouped by length so a word is checked with a handful of slices, not every prefix.
        self._prefixes = tuple(
            sorted({(len(p), frozenset(q for q in prefixes if len(q) == len(p))) for p in prefixes})
        )

    def matches(self, k: str) -> bool:
        """Whether one word key matches any pattern."""
        if k in self._exact:
            return True
        return any(k[:n] in group for n, group in self._prefixes)

    def count(self, ks: Iterable[str]) -> int:
        """How many word keys match."""
        return sum(1 for k in ks if self.matches(k))

    def any(self, ks: Iterable[str]) -> bool:
        """Whether any word key matches."""
        return any(self.matches(k) for k in ks)


def all_of(ks: Sequence[str], *groups: Words) -> bool:
    """Whether every group matches some word of the message."""
    return all(g.any(ks) for g in groups)


# --- piracy / licence circumvention -------------------------------------------------------

_PIRACY_ALONE = Words(
    "кряк* крякн* kryak* crack* keygen* кейген* кейгены взломанн* vzlomann* cracked "
    "пират* pirat* пиратк* nulled нуллен* нулл торрент* torrent* активатор* activator* "
    "kms кмс warez ломаную ломаный ломаная ломаной ломанную нелицензион* nelicenzion* "
    "unlicensed серийник* кряки кряка"
)
_WITHOUT = Words("без bez without no")
_LICENCE = Words("лиценз* licen* licenz* ключ* klyuch* key keys ключа защит* hasp")
_CIRCUMVENT = Words(
    "обой* обход* обхож* bypass* around obhod* oboi* отключ* снять сними снимите убрать "
    "отвяж* отвяз* disable*"
)
_LIMIT = Words("лиценз* licen* licenz* защит* ограничен* limit* провер* check")
_FREE = Words("бесплатн* besplatn* free даром нахаляву халяв*")
_FREE_WHAT = Words(
    "ключ* klyuch* key keys активир* aktivir* activat* лиценз* licen* licenz* "
    "скача* skacha* download* полную полная full"
)
_ACTIVATE = Words("активир* aktivir* activat* активацию")
_MS_PRODUCTS = Words(
    "винд* vind* windows win офис* ofis* office ворд* word excel эксел* ексел* фотошоп* "
    "photoshop* автокад* autocad*"
)
_RESET = Words("сброс* sbros* reset* обнул* обнулит*")
_TRIAL = Words("триал* trial* пробн* probn* лиценз* licen*")
_EMULATOR = Words("эмулятор* emulator* emulyator* патч* patch*")
_PROTECTION = Words("ключ* klyuch* hasp лиценз* licen* защит* ограничен* key limit*")
_FOREIGN_LICENCE = Words("чуж* chuzh* someone")


def is_piracy(ks: Sequence[str]) -> bool:
    """A request to obtain or use software without paying for a licence."""
    if _PIRACY_ALONE.any(ks):
        return True
    return (
        all_of(ks, _WITHOUT, _LICENCE)
        or all_of(ks, _CIRCUMVENT, _LIMIT)
        or all_of(ks, _FREE, _FREE_WHAT)
        or all_of(ks, _ACTIVATE, _MS_PRODUCTS)
        or all_of(ks, _RESET, _TRIAL)
        or all_of(ks, _EMULATOR, _PROTECTION)
        or all_of(ks, _FOREIGN_LICENCE, _LICENCE)
    )


# --- the user's own device, home, family errands ------------------------------------------

# Cues that make a request personal whatever system it mentions: "the telephony works; your
# home internet does not".
_PERSONAL_STRONG = Words(
    "дома домой домашн* doma domoi domashn* home дача даче дачу дачи на_даче dacha dache "
    "country жене жена жены жену wife wife's wifes сыну сына сын сынa son son's sons "
    "дочке дочки дочка дочь дочери дочку daughter* kid kid's kids ребенку ребенка детям "
    "маме мамы мама mom mother мужу husband семьей семья family лесу деревне деревню "
    "поезде train explorer эксплорер* ie8 ie9 ie10 ie11"
)
_POSSESSIVE = Words(
    "мой моя мое моем моего моей моему моим мою my mine own personal личн* lichn* "
    "у_меня меня menya"
)
_DEVICE = Words(
    "ноут* нотбук* noutbuk* nout laptop* компьютер* комп компа компе компу kompyuter* komp "
    "pc телефон телефона телефоне телефону телефончик* smartphone* смартфон* айфон* iphone* "
    "андроид* android* планшет* tablet* ipad* айпад* принтер* printer* сканер* scanner* "
    "роутер* router* модем* modem* вайфай* wifi wi-fi вайфая телевизор* tv мышк* мышь "
    "клавиатур* keyboard* наушник* headphone* airpods игры игру игр games game макбук* "
    "macbook* колонк* читалк* книгу браузер* browser* мобильн* 3g 4g"
)
_OLD = Words("стар* old 2008 2009 2010 2011 2012 2013 2014 2015 2016 xp windows7 семерк*")
_NEED = Words(
    "не ни not no dont don't doesnt doesn't won't wont cant can't cannot почин* fix* настро* "
    "помог* помож* помощ* help* посмотр* глян* look* переустан* reinstall* установ* постав* "
    "install* почист* clean* посовет* recommend* купи* buy* тормоз* slow* глюч* глюк* "
    "завис* freez* сломал* слома* broke* broken вирус* virus* сдох* пропада* drop* "
    "исправ* сделайт* сделай ускор* восстанов* перенес* подключ* заряж* вылет* crash* "
    "keeps медлен* прерыв* еле setup set моргает раздает кривой почините"
)
_BUSINESS = Words(
    "битрикс* bitriks* bitrix* портал* portal* Crm 1с 1c сделк* sdelk* лид лиды лидов "
    "lead* deal* задач* zadach* телефони* telefoni* telephony ats атс сайт* sait* site "
    "website* открыт* линии"
)


def is_personal(ks: Sequence[str]) -> bool:
    """A request about the user's own device, home connection or a family errand."""
    joined = _join_pairs(ks)
    if not _NEED.any(joined):
        return False
    if _PERSONAL_STRONG.any(joined):
        return True
    if _DEVICE.any(joined) and _OLD.any(joined) and not _BUSINESS.any(ks):
        return True
    return _POSSESSIVE.any(joined) and _DEVICE.any(joined) and not _BUSINESS.any(ks)


_PAIR_KEYS = {(key("у"), key("меня")): key("у_меня"), (key("на"), key("даче")): key("на_даче")}


def _join_pairs(ks: Sequence[str]) -> list[str]:
    """The keys plus joined two-word phrases the patterns refer to ("у меня")."""
    out = list(ks)
    for a, b in zip(ks, ks[1:], strict=False):
        joined = _PAIR_KEYS.get((a, b))
        if joined:
            out.append(joined)
    return out


# --- requests that have nothing to do with the integrator --------------------------------

_ERRAND_VERB = Words(
    "закажите закажи заказать закажем order забронируй* заброниров* забронир* book купите "
    "купи купить buy вызовите вызови вызвать call найдите найди find запишите запиши "
    "zakazhite zabroniruite kupite"
)
_ERRAND_OBJECT = Words(
    "пицц* pizza* pitstsu pitsu суши sushi ролл* rolls обед обеды lunch еду еда food такси "
    "taxi cab билет* ticket* bilet* flight* самолет* поезд* отель* гостиниц* hotel* "
    "столик* table ресторан* restaurant* продукт* groceries воду water кофе coffee цветы "
    "flowers парикмахер* стоматолог* dentist* врач* doctor*"
)
_OFF_TOPIC_ALONE = Words("декларац* 3ндфл ндфл tax вычет* резюме курсовую курсовая диплом")


def is_off_topic(ks: Sequence[str]) -> bool:
    """An errand for the integrator that is not IT work at all (food, travel, taxes)."""
    if _BUSINESS.any(ks):
        return False
    return all_of(ks, _ERRAND_VERB, _ERRAND_OBJECT) or _OFF_TOPIC_ALONE.any(ks)


# --- chatter ------------------------------------------------------------------------------

CHATTER = Words(
    "привет* привед privet* здравствуй* здрасьте здрасте zdravstvuite добр* dobr* утро* "
    "утра utro день den вечер* vecher ночи ночь дня hello hi hey hiya morning afternoon "
    "evening night good всем vsem всех коллеги коллег kollegi ребята ребят друзья all "
    "everyone guys team folks спасиб* spasib* спс пасиб* сенкс сяп thx thanks thank "
    "thankyou ty cheers благодар* благодарочк* ок окей оки ok okay okey k кк норм нормально "
    "хорошо horosho ладно ладушки лан ясно понятно понял поняла понял_принял принял приняла "
    "принято ponyal пон понятненько да нет ага угу yes no yep yeah nope sure noted got it "
    "great cool nice super супер класс круто отлично perfect awesome огонь лол lol ахах* "
    "хаха* haha* lmao жиза ok_spasibo большое огромное bolshoe much a lot so you вам тебе "
    "вас вы всё все vse и and то то-есть уже сегодня today now сейчас пока bye до do связи "
    "завтра zavtra tomorrow see понедельника monday выходных weekend хороших хорошего "
    "хорошей prekrasnogo with с праздником праздник* новым годом наступающим рождения "
    "birthday happy new year поздравля* congrats congratulations молодцы лучшие best "
    "договорились dogovorilis ждем ждём жду wait waiting ок_спс ой упс эх ну вот ах о "
    "пожалуйста please pls плз пжл welcome рад рады glad за помощь help оперативность "
    "работу работа work it's its is are the was this that все_работает it works"
)


def is_chatter(ks: Sequence[str]) -> bool:
    """A short message made only of greetings, thanks, acknowledgements and reactions."""
    return 0 < len(ks) <= 8 and all(CHATTER.matches(k) for k in ks)
