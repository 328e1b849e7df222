"""Hand-written rules for the cases that must never slip: piracy, personal devices, chatter.

Patterns are written as ordinary words (Russian, transliterated or English) and reduced to
phonetic keys at import, so a rule written once also matches translit and common typos.
A trailing "*" means "any word starting with this"; otherwise the whole word must match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.triage.normalize import key

# Word keys remembered per word list (there are dozens of lists): the hot vocabulary of a chat,
# not every word it ever saw.
MEMO_LIMIT = 2_048


class Words:
    """A set of word patterns matched against message keys."""

    __slots__ = ("_exact", "_prefixes", "_memo")

    def __init__(self, patterns: str, ia_forms: bool = False) -> None:
        exact: set[str] = set()
        prefixes: set[str] = set()
        for p in patterns.split():
            if p.endswith("*"):
                prefixes.add(key(p[:-1].lower()))
                if ia_forms and p[-2:-1] == "и":
                    # "обучени*" keys as "abuQini", but the vowel merge turns "обучения" into
                    # "abuQina": the -ия/-иям forms of a noun get their own prefix.
                    prefixes.add(key(p[:-1].lower() + "я"))
            else:
                exact.add(key(p.lower()))
        self._exact = frozenset(exact)
        # Grouped by length so a word is checked with a handful of slices, not every prefix.
        self._prefixes = tuple(
            sorted({(len(p), frozenset(q for q in prefixes if len(q) == len(p))) for p in prefixes})
        )
        # Chat vocabulary repeats, so verdicts per word key are remembered (bounded).
        self._memo: dict[str, bool] = {}

    def __or__(self, other: Words) -> Words:
        """A group matching what either group matches (a cheap gate before several checks)."""
        union = Words("")
        union._exact = self._exact | other._exact
        prefixes = {p for _, group in self._prefixes + other._prefixes for p in group}
        union._prefixes = tuple(
            sorted({(len(p), frozenset(q for q in prefixes if len(q) == len(p))) for p in prefixes})
        )
        return union

    def matches(self, k: str) -> bool:
        """Whether one word key matches any pattern."""
        hit = self._memo.get(k)
        if hit is None:
            hit = k in self._exact or any(k[:n] in group for n, group in self._prefixes)
            if len(self._memo) >= MEMO_LIMIT:  # a long-running bot meets ever new words:
                self._memo.clear()             # start again rather than grow for ever
            self._memo[k] = hit
        return hit

    def count(self, ks: Iterable[str]) -> int:
        """How many word keys match."""
        return sum(1 for k in ks if self.matches(k))

    def any(self, ks: Iterable[str]) -> bool:
        """Whether any word key matches (the memo is read inline: this is the hot path)."""
        memo = self._memo
        for k in ks:
            hit = memo.get(k)
            if hit is None:
                hit = self.matches(k)
            if hit:
                return True
        return False


def all_of(ks: Sequence[str], *groups: Words) -> bool:
    """Whether every group matches some word of the message."""
    return all(g.any(ks) for g in groups)


def _has_phrase(raw: Sequence[str], phrases: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether the raw words contain one of the phrases (indexed by their first word)."""
    for i, w in enumerate(raw):
        for phrase in phrases.get(w, ()):
            if tuple(raw[i : i + len(phrase)]) == phrase:
                return True
    return False


def _by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(ps) for w, ps in out.items()}


# --- piracy / licence circumvention -------------------------------------------------------

_PIRACY_ALONE = Words(
    "кряк кряка кряку кряком кряки кряков крякнут* крякнул* крякн* kryak kryaknut* crack cracks crackn* cracked keygen* кейген* кейгены взломанн* vzlomann* cracked "
    "пиратск* пират пираты пиратка пиратку пиратов пиратки пиратства пиратство pirat* piratsk* пиратк* nulled нуллен* нулл торрент* torrent* активатор* activator* "
    "kms кмс warez ломаную ломаный ломаная ломаной ломанную нелицензион* nelicenzion* "
    "unlicensed серийник* кряки кряка репак* repack* рутрекер* rutracker* вылеченн* вылечен* "
    "пропатч* кейлоадер* loader-активатор"
)
_WITHOUT = Words("без bez without")  # not "no": its key is the key of "на"
_LICENCE = Words("лиценз* licen* licenz* ключ* klyuch* key keys ключа защит* hasp")
_CIRCUMVENT = Words(
    "обой* обход* обхож* bypass* around obhod* oboi* отключ* снять сними снимите убрать "
    "отвяж* отвяз* disable*"
)
# The check switched off is a noun ("отключить проверку"): "проверьте, свет отключали" asks
# for a check of something else.
_LIMIT = Words("лиценз* licen* licenz* защит* ограничен* limit* проверк* проверок")
_FREE = Words("бесплатн* besplatn* free даром нахаляву халяв*")
_FREE_WHAT = Words(
    "ключ* klyuch* key keys активир* aktivir* activat* лиценз* licen* licenz* "
    "скача* skacha* download* полную полная full навсегда forever"
)
_ACTIVATE = Words("активир* aktivir* activat* активацию")
_MS_PRODUCTS = Words(
    "винд* vind* windows win офис* ofis* office ворд* word excel эксел* ексел* фотошоп* "
    "photoshop* автокад* autocad*"
)
# Paid desktop software people want at home or "for a side project": obtained for free it is
# piracy whatever the phrasing ("get AutoCAD for free", "где достать фотошоп бесплатно").
_PAID_SOFTWARE = Words(
    "винд* vind* windows microsoft* майкрософт* ms_office мс_офис фотошоп* photoshop* "
    "автокад* autocad* adobe* адоб* иллюстратор* illustrator* premiere* lightroom* "
    "лайтрум* acrobat* акробат* corel* корел* coreldraw sketchup* скетчап* solidworks* "
    "солидворкс* archicad* архикад* revit* ревит* компас касперск* kaspersky* "
    "visio* визио* finereader* файнридер* winrar* винрар* kompas"
)
_OBTAIN = Words(
    "get getting got скача* skacha* download* достать достан* достаньте раздобы* взять "
    "возьм* найти найдите найди где gde получить получ* установ* поставить поставьте install* "
    "пользоваться use using"
)
# A licence the company says it bought: the model's piracy guess is then wrong.
BOUGHT = Words("купил* купили купленн* приобрел* приобрели purchased bought оплатил* оплачен*")
# "Бесплатно поставить Windows, лицензия есть": the installation is free, not the licence.
_PAID_FOR = BOUGHT | Words("лицензионн* licensed есть have")
# Offers a vendor gives away: a trial, a demo, a free plan. Asking for them is not piracy.
FREE_OFFER = Words("trial* триал* пробн* probn* демо* demo* тариф* tarif* plan plans")
_RESET = Words("сброс* sbros* reset* обнул* обнулит*")
_TRIAL = Words("триал* trial* пробн* probn* лиценз* licen*")
_EMULATOR = Words("эмулятор* emulator* emulyator* патч* patch*")
_PROTECTION = Words("ключ* klyuch* hasp лиценз* licen* защит* ограничен* key limit*")
_FOREIGN_LICENCE = Words("чуж* chuzh* someone")
_NEGATED = Words("не ne not dont don't без")
_PAY = Words("покупать купить покупат* платить плати* заплат* buy pay paying")
_KEY = Words("ключ* klyuch* key keys серийн* serial*")
_MOD = Words("мод mod modded мода моду")
# Consumer services and apps people use privately: never the integrator's subject, so a request
# to get them free, modded or without ads is piracy, and one about the user's own account is
# personal. Two-word names are joined ("mail ru" -> "mail_ru", "яндекс плюс").
CONSUMER = Words(
    "ютуб* youtube* ютьюб* инстаграм* instagram* инста insta гмейл* гмайл* gmail* джимейл* "
    "mail_ru майл_ру мейл_ру мейлру mailru яндекс_плюс yandex_plus кинопоиск* kinopoisk* "
    "netflix* нетфликс* spotify* спотифа* tiktok* тикток* вконтакт* vkontakt* вк vk "
    "одноклассник* facebook* фейсбук* госуслуг* gosuslug* steam стим* playstation* "
    "плейстейшн* xbox* майнкрафт* minecraft* роблокс* roblox* фортнайт* fortnite* icloud* "
    "айклауд* apple_id эпл_айди google_фото гугл_фото* google_photo* гугл_фотк* твич* twitch* okko иви ivi wink смарт-тв смарттв smart_tv"
)
_AD_FREE = Words("реклам* reklam* ads ad-free adfree adblock* адблок*")
_ADS = Words("реклам* reklam* ads")


def is_piracy(ks: Sequence[str]) -> bool:
    """A request to obtain or use software without paying for a licence."""
    if _PIRACY_ALONE.any(ks):
        return True
    joined = join_phrases(ks)
    return (
        all_of(ks, _WITHOUT, _LICENCE)
        or all_of(ks, _CIRCUMVENT, _LIMIT)
        or all_of(ks, _FREE, _FREE_WHAT)
        or (all_of(joined, _FREE, _PAID_SOFTWARE, _OBTAIN) and not _PAID_FOR.any(ks))
        or all_of(ks, _ACTIVATE, _MS_PRODUCTS)
        or all_of(ks, _RESET, _TRIAL)
        or all_of(ks, _EMULATOR, _PROTECTION)
        or all_of(ks, _EMULATOR, _SO_THAT, _NEGATED)
        or all_of(ks, _TRIAL_ONLY, _SO_THAT, _NEGATED, _ENDS)
        or all_of(ks, _TRIAL_ONLY, _FOREVER)
        or all_of(ks, _FOREIGN_LICENCE, _LICENCE)
        or all_of(ks, _KEY, _NEGATED, _PAY)
        or _free_consumer_app(joined)
        or all_of(ks, _WITHOUT, _PAYING, _PAID_SOFTWARE)
        or all_of(ks, _TRIAL_ONLY, _AGAIN)
        or all_of(ks, _TRIAL_ONLY, _SO_THAT, _NEGATED, _PAY)
        or all_of(ks, _REGISTRY, _TRIAL)
        or _borrowed_key(ks, joined)
        or _unpaid_use(ks, joined)
        or all_of(ks, _WITHOUT, _PURCHASE, _UPGRADE)
        or all_of(ks, _CRACK_VERB, _CRACKED_THING)
        or (all_of(ks, _CURE, _PIRACY_TARGET) and not _HEALTH.any(ks))
        or _home_edition_at_work(ks)
        or (
            all_of(ks, _SO_THAT, _NEGATED, _CHECKS, _CHECKED)
            and "problem" not in cue_names(ks) and not _SIGNATURE.any(ks)
        )
        or (_LICENCE_TALK.any(joined) and _licence_ways_round(ks, joined))
        or (_EIGHTH_GATE.any(joined) and _licence_structure(ks, joined))
    )


def _licence_ways_round(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A licence's end hidden, a trial kept past it, a seat shared, a purchase refused."""
    return (
        _licence_unnoticed(ks)
        or (all_of(ks, _TRIAL_ONLY, _ENDS, _KEEP_USING, _UNPAID_MARK) and not BOUGHT.any(ks))
        or _shared_seat(ks)
        or _software_unbought(ks, joined)
    )


# --- the eighth round: piracy by its structure, whatever product is named ------------------

# (1) A key asked for a named commercial product, from whoever will hand one over: "подкиньте
# ключик на офис 2021", "can someone send a serial for AutoCAD". A key bought, renewed,
# ordered, invoiced or moved is the company's own (not these verbs).
_KEY_WORD = Words(
    "ключ* klyuch* key keys серийн* serial* активац* aktivac* activation* лицензи* licen* "
    "licenz* код_активац*"
)
_HAND_OVER = Words(
    "дай дайте дадите дашь скинь* скиньте скинете подскин* подкин* кинь* киньте пришли "
    "пришлите пришлешь пришлёшь присылайте отправь* отправьте вышли вышлите поделит* поделис* "
    "одолж* найдите найди поищите поищи достаньте достань раздобуд* раздобыть подгони* "
    "give send share spare lend"
)
_PAID_WAY = Words(
    "купи* куп* покуп* buy* bought purchas* счет* счёт* invoice* продл* renew* заказ* закаж* "
    "order* перенес* перенос* transfer* move* moving оплат* pay* paid приобре* вендор* vendor* "
    "дистрибьют* distribut* реселлер* reseller* партнер* partner* поставщик* supplier*"
)
# Desktop and online products sold by licence or subscription (1C and Bitrix24 are not here:
# their protection keys and licences are the integrator's daily work).
_COMMERCIAL = _PAID_SOFTWARE | _MS_PRODUCTS | Words(
    "zoom зум* canva* канв* capcut* кепкат* grammarly* notion* ноушн* figma* фигм* "
    "chatgpt* чатгпт* midjourney* миджорн* teamviewer* тимвьюер* anydesk* энидеск* "
    "ammyy* vmware* parallels* паралелс* dr_web drweb* доктор_веб eset* есет* нод32 nod32 "
    "аваст* avast* abbyy* аббии* pdf_expert pdf-expert foxit* фоксит* camtasia* "
    "bandicam* бандикам* sony_vegas vegas* davinci* давинчи* final_cut cubase* ableton* "
    "fl_studio jetbrains* pycharm* intellij* 3ds_max 3dsmax* max maya* cinema_4d c4d "
    "rhino* sketch* tableau* power_bi powerbi* navicat* sublime* total_commander "
    "тотал_командер"
)
_OFFICE_WORD = Words("офис* ofis* office")
_OFFICE_EDITION = Words(
    "ms microsoft майкрософт* мс 365 2007 2010 2013 2016 2019 2021 2024 xp на for pro "
    "профессиональн* professional* plus плюс ltsc"
)


def _product_named(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A commercial product named; "офис" only as Office with its edition next to it (a key
    "от офиса" opens the office's door)."""
    n = len(ks)
    for i, k in enumerate(joined):
        if not _COMMERCIAL.matches(k):
            continue
        if i < n and _OFFICE_WORD.matches(k):
            near = ks[max(0, i - 1) : i] + ks[i + 1 : i + 2]
            if not any(_OFFICE_EDITION.matches(w) for w in near):
                continue
        return True
    return False


_DOOR_KEY_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("ключ", "от", "офиса"), ("ключи", "от", "офиса"), ("ключа", "от", "офиса"),
    ("ключом", "от", "офиса"), ("ключик", "от", "офиса"), ("key", "to", "the", "office"),
    ("keys", "to", "the", "office"), ("office", "key"), ("office", "keys"),
    ("ключ", "от", "двери"), ("ключи", "от", "двери"),
))


def is_door_key(ks: Sequence[str]) -> bool:
    """The key that opens the office's door ("ключи от офиса у кого?"), not Office's licence."""
    return _has_phrase(ks, _DOOR_KEY_INDEX)


def _own_key(ks: Sequence[str]) -> bool:
    """A key the company paid for (bought, renewed, ordered, moved) or a signature's: asking
    for it, however it is worded, is no piracy."""
    return _PAID_WAY.any(ks) or _SIGNATURE.any(ks)


def _key_handed_over(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A key, serial or activation for a named commercial product, asked to be handed over."""
    return (
        _KEY_WORD.any(ks) and _HAND_OVER.any(ks) and not _own_key(ks)
        and _product_named(ks, joined)
    )


# (2) A modified build of any app, or one without its limits or watermark (ads are
# is_ad_free_app's; a hacked account is its owner's trouble, not a hacked build):
# "модифицированный зум без ограничения 40 минут", "a patched CapCut with no watermark".
_MODIFIED = Words(
    "модифицирован* modified modded moded мод mod мод-верси* мод_верси* патченн* патченый patched "
    "взломан* apk апк"
)
_LIMITS_LIFTED_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("без", "ограничени"), ("без", "ограничений"), ("без", "ограничения"), ("нет", "ограничения"),
    ("нет", "ограничений"), ("без", "лимита"), ("без", "лимитов"), ("нет", "лимита"),
    ("no", "limit"), ("no", "limits"), ("no", "time", "limit"), ("without", "the", "limit"),
    ("without", "limits"), ("without", "the", "time", "limit"), ("without", "a", "limit"),
    ("without", "the", "limits"), ("без", "водяного"), ("без", "водяных"),
    ("без", "вотермарк"), ("without", "the", "watermark"), ("without", "watermark"),
    ("without", "a", "watermark"), ("no", "watermark"), ("without", "watermarks"),
    ("без", "ватермарки"), ("без", "ватермарка"),
))
# Where an app is meant: its build or version, an apk, a named product.
_APP_BUILD = Words(
    "приложени* prilozhen* app apps apk апк программ* programm* program* софт* soft* software "
    "верси* versi* version* сборк* build* клиент* client*",
    ia_forms=True,
)
# A system the integrator configures: its "modified" configuration, processing or module and
# its users "without restrictions" are ordinary work.
_CONFIGURED = Words(
    "1с 1c битрикс* bitrix* b24 б24 amo амо amocrm конфигурац* configur* обработк* модул* "
    "module* отчет* отчёт* report* форм* form* сайт* site* шаблон* template* прав* права "
    "rights permission* доступ* access* роль role* тариф* tarif* plan лиценз* licen* "
    "пользовател* user* сотрудник* employee* менеджер* manager*"
)


def _modified_build(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A modified or patched build of an app, or an app without its limits or watermark."""
    if _CONFIGURED.any(ks):
        return False
    modified = _MODIFIED.any(ks)
    lifted = _has_phrase(ks, _LIMITS_LIFTED_INDEX)
    if not (modified or lifted):
        return False
    return _product_named(ks, joined) or CONSUMER.any(joined) or (
        _APP_BUILD.any(ks) and (modified or _PAY.any(ks) or _FREE.any(ks))
    )


# (3) Licences counted short: one licence, seat or login for several computers, branches or
# people, or "who will check": "купим одну лицензию и поставим на все филиалы".
_ONE = Words("один одна одну одной одним одного one single a_single")
_SEATED = Words(
    "лицензи* licen* licenz* ключ* key ключа логин* login* учетк* учётк* uchetk* account* "
    "аккаунт* seat seats мест* подписк* subscription*",
    ia_forms=True,
)
_SEVERAL = Words(
    "все всех всем всю весь всё all every каждый каждого каждом каждую each both оба обе обоих "
    "несколько нескольк* several multiple many два две двух три трех трёх четыр* пять пяти "
    "шесть семь десят* two three four five six ten 2 3 4 5 6 7 8 9 10 12 15 20 троих двоих"
)
_INSTALLED_ON = Words(
    "постав* установ* install* use using использ* работ* сидеть сидят сидели share sharing "
    "раздат* раздай* разда* run running activate* активир* подключ* connect* пользова* "
    "заходит* заходят заходить log логин*"
)
_MORE_SEATS = Words(
    "докуп* дополнительн* additional extra more ещё еще сколько how хватит хватает enough "
    "нужно_ли нельзя правильно легально legal legally allowed разрешен* допустим* законн* "
    "properly correct*"
)
_CHECK_EVASION_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("кто", "проверять"), ("кто", "проверит"), ("кто", "там", "проверять"),
    ("кто", "там", "проверит"), ("кто", "будет", "проверять"), ("кто", "это", "проверит"),
    ("кто", "узнает"), ("никто", "не", "проверит"), ("никто", "не", "проверяет"),
    ("никто", "не", "узнает"), ("никто", "не", "заметит"), ("не", "заметят"),
    ("не", "узнают"), ("не", "спалят"), ("не", "спалимся"), ("не", "палится"),
    ("who", "will", "check"), ("who", "checks"), ("who", "s", "going", "to", "check"),
    ("who", "is", "going", "to", "check"), ("nobody", "checks"), ("nobody", "will", "check"),
    ("nobody", "will", "notice"), ("nobody", "will", "know"), ("no", "one", "checks"),
    ("no", "one", "will", "check"), ("no", "one", "will", "notice"), ("no", "one", "will", "know"),
    ("won", "t", "notice"), ("won", "t", "find", "out"), ("don", "t", "notice"),
    ("никто", "не", "проверять"), ("проверять", "не", "будут"), ("проверять", "никто"),
    ("проверять", "некому"), ("некому", "проверять"), ("всё", "равно", "не", "проверят"),
))


def _licence_counted_short(ks: Sequence[str]) -> bool:
    """One licence, seat or login stretched over several machines, branches or people, or
    a licence used on the bet that nobody checks."""
    if not _SEATED.any(ks):
        return False
    if _has_phrase(ks, _CHECK_EVASION_INDEX):
        return True
    if _MORE_SEATS.any(ks) or "problem" in cue_names(ks):
        return False
    one_seat = any(
        _ONE.matches(k) and any(_SEATED.matches(n) for n in ks[i + 1 : i + 3])
        for i, k in enumerate(ks)
    )
    return one_seat and any(
        _SEVERAL.matches(k) for i, k in enumerate(ks)
        if not (i and _ONE.matches(ks[i - 1]))
    ) and (_INSTALLED_ON.any(ks) or _SEAT_TARGET.any(ks))


# Who or what the one seat is stretched over: machines, branches, people.
_SEAT_TARGET = Words(
    "компьютер* комп компа компы компов компах пк pc pcs машин* machine* ноут* laptop* "
    "филиал* branch* точк* магазин* store* shop* офис* office* касс* till* рабочих "
    "workstation* сотрудник* employee* человек people person* пользовател* user* дизайнер* "
    "designer* менеджер* manager* бухгалтер* accountant* продав* кассир* cashier* "
    "юрлиц* организац* склад* warehouse* троих двоих четверых пятерых"
)


# The ninth round: a build or an image that comes with its licence or activation already
# sewn in ("сборка 1С с вшитой лицензией", "a pre-activated Windows image", "репак с
# активацией"): the vendor's licence was never bought.
_SEWN_IN = Words(
    "вшит* зашит* встроенн* предактивир* преактивир* активированн* активирован* "
    "pre-activated preactivated pre-cracked activated embedded built-in baked"
)
_BUNDLE = Words(
    "сборк* sbork* build* репак* repack* образ* image* iso дистрибутив* distrib* установщик* "
    "installer* портабл* portable"
)
_BUNDLE_LICENCE = Words("лиценз* licen* licenz* ключ* key keys активац* activation* кряк* crack*")
_REPACK = Words("репак* repack* кряк* crack* крякнут* cracked")
_VENDOR_WORDS = Words("вендор* vendor* официальн* official* партнер* partner* купленн* bought")


def _prebuilt_licence(ks: Sequence[str]) -> bool:
    return (
        _SEWN_IN.any(ks) and _BUNDLE.any(ks) and _BUNDLE_LICENCE.any(ks)
        and not _VENDOR_WORDS.any(ks)
    ) or (_BUNDLE.any(ks) and _REPACK.any(ks))


_EIGHTH_GATE = (
    _KEY_WORD | _MODIFIED | _SEATED | _WITHOUT | Words("нет no ad") | _COMMERCIAL | _SEWN_IN
    | _REPACK
)


def _licence_structure(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """The eighth round's checks: a key handed over, a modified build, a licence counted short;
    the ninth's: a build with its licence sewn in."""
    return (
        _key_handed_over(ks, joined) or _modified_build(ks, joined)
        or _licence_counted_short(ks) or _prebuilt_licence(ks)
    )


# "Сделайте, чтобы битрикс не замечал, что лицензия кончилась", "make 1C ignore the expired
# key", "чтобы программа думала, что ключ есть": the licence's end hidden from the system.
_NOTICE = Words(
    "замеча* замети* замет* видел* видела видело видит видят увидел* знал знала знало знает "
    "notice* detect* see sees saw recogni* понима* понял* поняла ругал* ругает* ругался "
    "ругалась ругаться блокир* предупрежд* complain* warn* block* lock*"
)
_IGNORE = Words("игнор* ignor* обман* обманыв* trick* fool* spoof* подмен*")
_THINK = Words("думал* думала думало считал* считала считало think* thinks believ*")
_LAPSED = Words(
    "заканч* законч* закончи* истек* истёк* истека* конча* кончи* просроч* expire* expired "
    "ended lapsed нет отсутств* valid действ* активн* активен active есть"
)
# An electronic signature's key, token or PIN: the company's own, asked for by design.
_SIGNATURE = Words(
    "эцп рутокен* rutoken* токен* token* etoken* джакарт* jacart* пин pin подписи "
    "подписание подписании подписания подписать подписывать подписью signature* signing "
    "сертификат* certificat*"
)
# A till's fiscal drive expires as a licence does, and hiding it breaks the law besides.
_KEEP_GOING = Words("keep continue продолжал* продолжил* продолжа* дальше")
_FISCAL = Words("фн фискальн* fiscal*")
# "Keep using the trial after it ends without upgrading", "продолжать на пробном после
# окончания, не оплачивая".
_KEEP_USING = Words(
    "keep continue продолж* дальше after после остаться остаться_на stay staying"
)
_UNPAID_MARK = Words(
    "without без не not upgrad* апгрейд* переход* pay paying платить оплат* покуп* buy* продл*"
)
_NOT = frozenset(key(w) for w in ("не", "not", "stop", "stops", "never", "перестал", "перестала"))


_AS_IF_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("как", "будто"), ("словно",), ("as", "if"), ("as", "though"),
))
_RENEW = Words("продл* prodl* renew* extend* купи* покуп* buy* оплат* pay*")


def is_paid_renewal(ks: Sequence[str]) -> bool:
    """A licence renewed ("как продлить лицензию битрикса"), not a trial stretched."""
    return all_of(ks, _RENEWAL, _CHECKED) and not _TRIAL_ONLY.any(ks)


_RENEWAL = Words("продл* prodl* renew*")
_WHAT_HAPPENS_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("что", "будет"), ("что", "случится"), ("what", "happens"), ("what", "will", "happen"),
    ("продолжит", "работать"), ("будет", "работать"), ("перестанет", "работать"),
    ("keep", "working"), ("stop", "working"), ("still", "work"),
))


def is_licence_question(ks: Sequence[str]) -> bool:
    """What happens when a licence ends, asked ("will Bitrix keep working after the licence
    ends?"), not a way around it ("make it keep working")."""
    return (
        all_of(ks, _CHECKED, _ENDS) and _has_phrase(ks, _WHAT_HAPPENS_INDEX)
        and not _SO_THAT.any(ks)
    )


def _licence_unnoticed(ks: Sequence[str]) -> bool:
    """The system kept from noticing that its licence or key has lapsed."""
    if not (_CHECKED.any(ks) or _FISCAL.any(ks)) or BOUGHT.any(ks) or _TRANSFER.any(ks):
        return False
    if _SIGNATURE.any(ks):
        return False  # a signature's key or token asked every time is the company's own
    if _RENEW.any(ks) and not (_WITHOUT.any(ks) or _has_phrase(ks, _NOT_BUYING_INDEX)):
        return False  # "чтобы касса не блокировалась, продлите лицензию": paid again
    if _IGNORE.any(ks) and (_LAPSED.any(ks) or _CHECKS.any(ks)):
        return True
    if all_of(ks, _SO_THAT, _ENDS, _KEEP_GOING) and not _RENEW.any(ks):
        return True  # "licence expired: make the message go away and keep it working"
    if _has_phrase(ks, _AS_IF_INDEX) and _LAPSED.any(ks) and not (
        _RENEW.any(ks) or "problem" in cue_names(ks)
    ):
        return True  # "пусть работает, как будто ключ ещё действует"
    if not _SO_THAT.any(ks):
        return False
    if _THINK.any(ks) and _LAPSED.any(ks):
        return True  # "чтобы 1С думала, что лицензия есть"
    return any(
        k in _NOT and any(_NOTICE.matches(n) or _CHECKS.matches(n) for n in ks[i + 1 : i + 3])
        for i, k in enumerate(ks)
    )


# "Can the three dispatchers share one Bitrix24 login? paying for 3 seats is silly", "сидеть
# всем под одной учёткой, чтобы не покупать лицензии": seats paid per person, used by many.
_SHARED = Words(
    "один одна одну одной одним одного one single same shared share sharing общий общую общего "
    "общей общем общим совместн* поделит* шарить расшарить"
)
_LOGIN = Words(
    "логин* login* логином учетк* учётк* uchetk* account* аккаунт* akkaunt* пользовател* user "
    "users seat seats пароль password* профил* profile*"
)
_SEAT_COST = Words(
    "платить плати* заплат* оплачивать покуп* купить pay paying paid buy buying лиценз* "
    "licen* licenz* seat seats мест* дорого expensive silly экономи* save saving"
)
_SAVING = Words(
    "дорог* expensive silly pointless зачем why экономи* сэконом* save saving cheaper "
    "дешевле"
)
_WONT_INDEX = _by_first_word(tuple(key(w) for w in p) for p in (
    ("не", "будем"), ("не", "хотим"), ("не", "станем"), ("won", "t"), ("don", "t"),
))


def _shared_seat(ks: Sequence[str]) -> bool:
    """One login shared by several people to spare the seats the vendor sells per person."""
    if not _SEAT_COST.any(ks) or BOUGHT.any(ks) or "problem" in cue_names(ks):
        return False
    # The motive is sparing the money ("зачем платить за каждого", "to save on licences"),
    # not adding seats ("они под одним аккаунтом? нужно добавить лицензии").
    if not (
        _SAVING.any(ks) or _has_phrase(ks, _NOT_BUYING_INDEX)
        or all_of(ks, _SO_THAT, _PAY) or (_has_phrase(ks, _WONT_INDEX) and _PAY.any(ks))
    ):
        return False
    return any(
        _SHARED.matches(k) and any(_LOGIN.matches(n) for n in ks[i + 1 : i + 5])
        for i, k in enumerate(ks)
    )


# "Нам бы автокад для дизайнера, только не покупать", "Photoshop for the new designer, but
# we're not buying it": desktop software wanted with the purchase refused.
_NOT_BUYING_PHRASES = (
    ("не", "платя"), ("не", "заплатив"), ("не", "оплачивая"), ("не", "оплатив"),
    ("не", "покупая"), ("не", "купив"), ("не", "платить"), ("не", "покупать"),
    ("не", "заплатить"), ("не", "оплачивать"), ("не", "купить"), ("без", "подписки"),
    ("без", "покупки"), ("без", "лицензии"), ("платить", "не"), ("покупать", "не"),
    ("купить", "не"), ("without", "paying"), ("without", "buying"), ("not", "buying"),
    ("not", "paying"), ("not", "pay"), ("not", "buy"), ("нахаляву",), ("на", "халяву"),
    ("without", "a", "licence"), ("without", "a", "license"), ("without", "purchasing"),
    ("t", "want", "to", "pay"), ("t", "want", "to", "buy"), ("won", "t", "pay"),
    ("won", "t", "buy"), ("не", "будем", "покупать"), ("не", "будем", "платить"),
)
_NOT_BUYING_INDEX = _by_first_word(tuple(key(w) for w in p) for p in _NOT_BUYING_PHRASES)
_ALTERNATIVE = Words(
    "аналог* analog* альтернатив* alternativ* замен* вместо instead open-source opensource "
    "опенсорс* свободн* libre* free_version"
)


def _software_unbought(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """Paid desktop software asked for while its purchase is refused (no free alternative,
    no licence the company has or moves)."""
    return (
        _PAID_SOFTWARE.any(joined) and _has_phrase(ks, _NOT_BUYING_INDEX)
        and not (_ALTERNATIVE.any(ks) or _PAID_FOR.any(ks) or _TRANSFER.any(ks))
    )


# "Пользоваться Б24 на тарифе Профессиональный не платя", "use amoCRM without paying", "скрипт,
# чтобы работало бесплатно": a paid system or plan used, extended or reused with no payment.
_PAID_SYSTEM = Words(
    "битрикс* bitriks* bitrix* б24 b24 1с 1c амо amo amocrm амосрм* консультант* konsultant* "
    "гарант гаранта гарантом garant мойсклад* моисклад* контур* kontur* сбис* sbis* тариф* tarif* "
    "подписк* podpisk* subscription* премиум* premium* лиценз* licen* licenz* платн* paid "
    "профессиональн* professional*"
)
_UNPAID_PHRASES = (
    ("не", "платя"), ("не", "заплатив"), ("не", "оплачивая"), ("не", "оплатив"),
    ("не", "покупая"), ("не", "купив"), ("не", "платить"), ("не", "покупать"),
    ("не", "заплатить"), ("не", "оплачивать"), ("без", "оплаты"), ("без", "подписки"),
    ("без", "покупки"), ("без", "лицензии"), ("without", "paying"), ("without", "a", "licence"),
    ("without", "a", "license"), ("without", "buying"), ("without", "a", "subscription"),
    ("for", "free"), ("бесплатно",), ("нахаляву",), ("на", "халяву"), ("даром",),
)
_UNPAID_INDEX = _by_first_word(tuple(key(w) for w in p) for p in _UNPAID_PHRASES)
_UNPAID_WAY = Words(
    "пользова* юзать юзаю use using работал* работать work* продл* extend* скрипт* script* "
    "способ* sposob* лазейк* хитрост* hack* обход* обой* bypass* поставить поставьте поставлю "
    "установ* install* второй второе второго second еще ещё again повторно навсегда forever "
    "каждый every"
)
# Moving a licence to a new computer is how licences are meant to be kept.
_TRANSFER = Words("перенес* перенос* перенест* transfer* переехал* move moving")


def is_licence_transfer(ks: Sequence[str]) -> bool:
    """A licence moved to a new computer ("перенести лицензию 1С на новый компьютер")."""
    return all_of(ks, _TRANSFER, _LICENCE)


def _unpaid_use(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A paid system, plan or licence used without paying ("не платя", "без оплаты")."""
    if not _has_phrase(ks, _UNPAID_INDEX):
        return False
    if not (_PAID_SYSTEM.any(ks) or _PAID_SOFTWARE.any(joined) or CONSUMER.any(joined)):
        return False
    return _UNPAID_WAY.any(ks) and not _TRANSFER.any(ks)


# "Взломать автокад", "hack Photoshop's licence": the program itself is broken into.
_CRACK_VERB = Words("взлом* vzlom* hack* ломан* сломать_защит*")
_CRACKED_THING = Words(
    "автокад* autocad* фотошоп* photoshop* корел* corel* 1с 1c битрикс* bitrix* винд* "
    "windows офис* office ворд* word excel эксел* программ* programm* program* software софт* "
    "лиценз* licen* licenz* активац* activation* ключ* key защит* protection"
)
# "Домашнюю версию офиса поставить в компании", "a student licence for work": an edition
# sold for home or study used commercially breaks its licence.
_HOME_EDITION = Words(
    "домашн* home student* студенческ* учебн* некоммерческ* noncommercial non-commercial "
    "personal"
)
_EDITION = Words("верс* virsi* version* редакц* edition* лиценз* licen* licenz* ключ* key")
_AT_WORK = Words(
    "компани* company организац* organi* фирм* firm* работ* rabot* work* коммерческ* "
    "commercial* бизнес* business* офисе сотрудник* employee* предприят*",
    ia_forms=True,
)


def _home_edition_at_work(ks: Sequence[str]) -> bool:
    """A home, student or non-commercial edition put to work in the company."""
    pairs = any(
        _HOME_EDITION.matches(a) and _EDITION.matches(b) for a, b in zip(ks, ks[1:], strict=False)
    )
    return pairs and _AT_WORK.any(ks)


# "Таблетка/лекарство для 1С" is a crack in slang; the pill for a person is not.
_CURE = Words("таблетк* лекарств* вылеч*")
_PIRACY_TARGET = Words(
    "1с 1c битрикс* bitrix* винд* windows офис* office ворд* автокад* autocad* фотошоп* "
    "photoshop* корел* corel* программ* софт* касперск* kaspersky* консультант* лиценз* licen*"
)
_HEALTH = Words("голов* болит болеет больн* температур* врач* аптек* простуд* заболел*")

# "Photoshop without paying", "Spotify без подписки".
_PAYING = Words(
    "платить плати* заплат* оплат* покуп* купить buy buying pay paying paid purchas* "
    "подписк* podpisk* subscription*"
)
# "Чтобы пробная версия не заканчивалась", "make the trial last forever".
_ENDS = Words(
    "заканч* законч* закончи* окончан* конец конца истек* истека* конча* кончи* expire* end "
    "ends ending"
)
_FOREVER = Words("навсегда forever бесконечн* endless вечн* eternal*")
# A trial taken again on another address is a licence never paid for.
_TRIAL_ONLY = Words("триал* trial* пробн* probn*")
_AGAIN = Words("повторно заново again другой другую другом другого another")
# "Сделайте, чтобы битрикс не проверял лицензию", "so it doesn't ask for a key".
_CHECKS = Words(
    "провер* prover* check* требова* требовал* требует спрашива* ask* asks require* просит "
    "просила просил просило просят просить запрашива*"
)
_CHECKED = Words(
    "лиценз* licen* licenz* ключ* klyuch* key keys активац* aktivac* activation* продлен* "
    "renewal* подписк* subscription*"
)
# What a way round a licence must name (the licence, a till's fiscal drive, seats, paid
# software or a trial): one lookup per word before the checks that need them.
_LICENCE_TALK = _CHECKED | _FISCAL | _SEAT_COST | _PAID_SOFTWARE | _TRIAL_ONLY
# "Расширить базовую до проф без покупки", "unlock pro features without paying": a paid
# edition or feature got through a file or a script instead of a purchase.
_PURCHASE = Words("покупк* pokupk* buying paying purchasing оплаты оплат")
_UPGRADE = Words(
    "расшир* апгрейд* upgrade* unlock* разблок* проф prof professional pro корп* редакци* "
    "edition* файл* fail* file* скрипт* script* премиум* premium*",
    ia_forms=True,
)
_SO_THAT = Words("чтобы чтоб штоб штобы chtoby so make")


# "Почистить реестр, чтобы триал начался заново": the trial's or licence's traces wiped.
_REGISTRY = Words("реестр* reestr* registry regedit")
# "Есть у кого ключик на Windows?", "поделитесь ключом от Office": a key borrowed is not bought.
_SHARE = Words(
    "поделит* поделис* одолж* lend* share* sharing скинь* скиньте скинуть кинь* киньте "
    "anyone anybody somebody"
)
_WHOSE_KEY_PHRASES = (("у", "кого"), ("у", "кого-нибудь"), ("у", "кого-то"), ("есть", "у"))


def _borrowed_key(ks: Sequence[str], joined: Sequence[str]) -> bool:
    """A licence key for paid software asked from whoever has one."""
    if not (_KEY.any(ks) and (_PAID_SOFTWARE.any(joined) or _MS_PRODUCTS.any(ks))):
        return False
    if _own_key(ks):
        return False
    if _OFFICE_WORD.any(ks) and not _product_named(ks, joined):
        return False
    if _SHARE.any(ks):
        return True
    return any(
        tuple(ks[i : i + 2]) in _WHOSE_KEYS for i in range(len(ks) - 1)
    )


_WHOSE_KEYS = frozenset(tuple(key(w) for w in p) for p in _WHOSE_KEY_PHRASES)


def _free_consumer_app(joined: Sequence[str]) -> bool:
    """A consumer service for free, modded, or its premium without paying."""
    if not CONSUMER.any(joined):
        return False
    return (
        _FREE.any(joined) or _MOD.any(joined) or all_of(joined, _PREMIUM, _FREE_OR_MOD)
        or all_of(joined, _WITHOUT, _PAYING)
    )


_PREMIUM = Words("премиум* premium* плюс plus pro")
_FREE_OR_MOD = Words("бесплатн* besplatn* free мод mod modded взлом* без")


def is_ad_free_app(ks: Sequence[str]) -> bool:
    """A consumer app without its ads ("ютуб без рекламы"): circumventing what one pays for."""
    joined = join_phrases(ks)
    if all_of(joined, CONSUMER, _ADS):
        return True
    return all_of(joined, _AD_FREE, _DEVICE) and not _BUSINESS.any(ks)


# --- the user's own device, home, family errands ------------------------------------------

# Cues that make a request personal whatever system it mentions: "the telephony works; your
# home internet does not".
_PERSONAL_STRONG = Words(
    "дома домой домашн* doma domoi domashn* home дача даче дачу дачи на_даче dacha dache "
    "country жене жена жены жену сыну сына сын сынa son son's sons "
    "дочке дочки дочка дочь дочери дочку daughter* kid kid's kids ребенку ребенка детям "
    "маме мамы мама mom mother мужу husband семьей семья family лесу деревне деревню "
    "поезде train explorer эксплорер* ie8 ie9 ie10 ie11 семейн* semein* ребенк* ребёнк* "
    "детск* внук* внучк* бабушк* дедушк* теще теща тещи свекров* ребенок ребёнок муж мужа "
    "мужем сыном дочерью детей дети племянни* brother sister сестр* брата брату братом"
)
_POSSESSIVE = Words(
    "мой моя мое моем моего моей моему моим мою mine own personal личн* lichn* "
    "у_меня меня menya свой своя свое свою своем своего своей своему своим svoi svoyu"
)
_FAMILY = Words(
    "жене жена жены жену сыну сына сын сынa сыном son son's sons дочке "
    "дочки дочка дочь дочери дочку дочерью daughter* kid kid's kids ребенку ребенка ребенок "
    "ребёнок ребенк* детям детей дети детск* маме мамы мама маму mom mother мужу муж мужа "
    "мужем husband семьей семья family семейн* внук* внучк* бабушк* дедушк* теще теща тещи "
    "свекров* племянни* сестр* брата брату братом brother* sister* родител* parents папа папе "
    "папы папу папой отец отцу отца dad dad's father* свекр свекру тете тетя тети "
    "дяде дядя дяди подруге подруги подруга подругу соседу соседке соседа "
    "friend friend's girlfriend* boyfriend* neighbor* neighbour*"
)
# The speaker's own: "my personal WhatsApp" is personal, "managers' personal WhatsApp" is work.
_BROTHER = "брат"
# Ownership said outright: "it's my own one, not the office one".
_OWN = Words("own свой своя свое свою своем своего своей личн* lichn* personal private")
_FIRST_PERSON = Words(
    "мой моя мое моем моего моей моему моим мою мои моих моими мне меня menya u_menya у_меня "
    "mine для_себя for_myself"
)
# Words that make a possessive about the person, not the company: "личная почта", "my own".
_OWNERSHIP = Words(
    "личн* lichn* personal own private приватн* семейн* домашн* home у_меня мой моя мое моем моего "
    "моей моему моим мою мои моих моими свой своя свое свою своем своего своей своему своим "
    "для_себя for_myself"
)
_PRIVATE_ACCOUNT = Words(
    "почт* pocht* mail* email* ящик* mailbox* аккаунт* akkaunt* account* страниц* page* "
    "подписк* podpisk* subscription* пароль parol* password* профил* profile* карт* card* "
    "облак* oblak* cloud* диск диска диске диском drive"
)
_PRIVATE_HARD = Words("личн* lichn* personal private приватн* семейн* домашн*")
_DEVICE = Words(
    "ноут* нотбук* noutbuk* nout laptop* компьютер* комп компа компе компу kompyuter* komp "
    "pc телефон телефончик* мобильник* smartphone* смартфон* айфон* iphone* "
    "андроид* android* планшет* tablet* ipad* айпад* принтер* printer* сканер* scanner* "
    "телефоне телефона телефоном ноуте ноута "
    "роутер* router* модем* modem* вайфай* wifi wi-fi вайфая телевизор* tv мышк* мышь "
    "клавиатур* keyboard* наушник* headphone* airpods игры игру игр games game макбук* "
    "macbook* колонк* читалк* книгу браузер* browser* мобильн* 3g 4g phone phones cellphone* "
    "smart_watch smartwatch* ebook kindle* pocketbook*"
)
_MOBILE = Words("мобильн* mobile 3g 4g lte")
_NET = Words("интернет* internet инет* data связь")
_OLD = Words("стар* old 2008 2009 2010 2011 2012 2013 2014 2015 2016 xp windows7 семерк*")
_NEED = Words(
    "не ни not dont don't doesnt doesn't won't wont cant can't cannot почин* fix* настро* "
    "помог* помож* помощ* help* посмотр* глян* look* переустан* reinstall* установ* постав* "
    "install* почист* clean* посовет* recommend* купи* buy* тормоз* slow* глюч* глюк* "
    "завис* freez* сломал* слома* broke* broken вирус* virus* сдох* пропада* drop* "
    "исправ* сделайт* сделай удалил* удалила стер стерла ускор* восстанов* перенес* подключ* "
    "заряж* вылет* crash* "
    "keeps медлен* прерыв* еле setup set моргает раздает кривой почините залипа* "
    "doesn don isn won can didn работает rabotaet work* ошибк* error* списал* списали "
    "списыва* charged дважды twice гре* шум* перегр* overheat* noisy разби* треснул* "
    "battery аккумулятор* заряд* charg* wrong неправильн* разряж* застрев* застрял* stuck "
    "drain* садится буфер* buffer* выключа* перезагружа* reboot* restart* заполнен* "
    "переполнен* теряет теряют теряется lose loses losing beeps beeping"
)
_BUSINESS = Words(
    "битрикс* bitriks* bitrix* б24 b24 портал* portal* Crm 1с 1c сделк* sdelk* лид лиды лидов "
    "lead* deal* задач* zadach* телефони* telefoni* telephony ats атс сайт* sait* site "
    "website* открыт* линии"
)

# The client's systems and the people in them: a device or account near these is work.
_WORK_SYSTEM = Words(
    "битрикс* bitriks* bitrix* б24 b24 портал* portal* Crm 1с 1c сделк* sdelk* лид лиды лидов "
    "lead* deal* задач* zadach* звонк* звонок zvonk* call calls called calling запись записи "
    "записей записью record* телефони* telefoni* telephony атс ats сайт* sait* site website* "
    "открыт* линии менеджер* manager* сотрудник* employee* клиент* client*"
)


# Consumer mail providers: a mailbox there is a person's, not the company's.
_MAIL_PROVIDER = Words(
    "гмейл* гмайл* джимейл* gmail* mail_ru майл_ру мейл_ру мейлру mailru inbox_ru bk_ru "
    "list_ru рамблер* rambler* icloud* айклауд* yahoo* яху hotmail* хотмейл* outlook_com "
    "yandex_ru ya_ru"
)
# Yandex also sells company mail (Yandex 360), so a Yandex mailbox is personal only when owned.
_YANDEX = Words("яндекс* yandex* яндекс_почт*")
_MAILBOX = Words("почт* pocht* mail email* e-mail ящик* yaschik* mailbox* inbox")
# Entertainment, games and home screens: never what the integrator supports.
_LEISURE = Words(
    "игр* igr* game games gaming playstation* плейстейшн* плойк* ps4 ps5 xbox* иксбокс* "
    "nintendo* игров* steam стим стиме стима майнкрафт* minecraft* роблокс* roblox* "
    "фортнайт* fortnite* кинопоиск* kinopoisk* netflix* нетфликс* okko окко иви ivi wink "
    "амедиатек* premier more_tv кинотеатр* spotify* спотифа* яндекс_плюс yandex_plus яндекс_музык* twitch* твич* "
    "smart_tv смарттв смарт-тв телевизор* телик* яндекс_станц* smart_speaker smart_home "
    "smart_watch smartwatch* ebook kindle* pocketbook* покетбук* киндл* читалк* iptv* иптв* "
    "приставк* тв_приставк* android_tv андроид_тв* google_tv apple_tv эпл_тв* mi_box ми_бокс* "
    "сбербокс* sberbox* sber_box яндекс_модул* кинотеатр* онлайн_кинотеатр*"
)
# Home connections: a flat's internet, its provider, a mobile tariff.
_HOME = Words(
    "дома домой домашн* doma domoi domashn* home дача даче дачу дачи на_даче dacha квартир* "
    "kvartir* flat apartment"
)
_PROVIDER = Words(
    "ростелеком* rostelecom* rostelekom* билайн* beeline* мтс mts мегафон* megafon* теле2 "
    "tele2 йота yota дом_ру домру"
)
_HOME_NET = Words(
    "интернет* internet инет* вайфай* wifi wi-fi вайфая роутер* router* модем* modem* "
    "провайдер* provaider* provider*"
)
_TARIFF = Words("тариф* tarif* plan сим* sim симк* баланс* роуминг* roaming минут* гигабайт*")
# Personal accounts: social networks, banking, state services, app stores.
_PERSONAL_APP = Words(
    "вконтакт* vkontakt* вк vk одноклассник* odnoklassnik* facebook* фейсбук* instagram* "
    "инстаграм* инста инст инсту инсте инстой insta tiktok* тикток* госуслуг* gosuslug* "
    "сбербанк* sberbank* сбер* сбербанк_онлайн сбер_онлайн тинькофф* тиньков* tinkoff* втб vtb "
    "альфабанк* альфа_банк альфа альфу альфе альфой банк банка банке банку банком bank banking apple* эпл* эппл* "
    "apple_id эпл_айди play_market плеймаркет* плэймаркет* google_play гугл_плей app_store "
    "апстор* аппстор* discord* дискорд* twitter* твиттер* твитер* pinterest* пинтерест* "
    "reddit* snapchat* badoo* ok_ru ок_ру фб fb "
    "газпромбанк* райффайзен* raiffeisen* совкомбанк* халва почта_банк т_банк t_bank "
    "тбанк* юмани yoomoney юmoney qiwi киви_кошел* вебмани webmoney paypal* пейпал* "
    "mir_pay мир_пэй мир_пей apple_pay эпл_пэй google_pay гугл_пэй samsung_pay кэшбэк* "
    "кешбэк* кешбек* кэшбек* cashback* гугл_аккаунт* google_account* гугл_акк* "
    "epic_games эпик_геймс* battlenet blizzard* близзард* банковск* bank_app"
)
# Food, grocery and taxi apps: what a person orders for themselves, even to the office.
_DELIVERY_APP = Words(
    "яндекс_ед* yandex_ed* yandex_eats яндекс_доставк* яндекс_лавк* yandex_lavk* яндекс_го "
    "yandex_go яндекс_такси* yandex_taxi* delivery_club деливери_клаб* самокат* samokat* "
    "сбермаркет* sbermarket* купер kuper вкусвилл* вкусвил* vkusvill* додо dodo кфс kfc "
    "макдак* бургер_кинг* uber* убер убера убере убером ситимобил* citymobil* bolt индрайвер* indriver* "
    "ozon_fresh озон_фреш* перекрест* пятерочк* пятёрочк* магнит_доставк* чибби* "
    "утконос* globus_доставк* wolt такси taxi cab"
)
# A car's own electronics: the head unit, the dash cam, CarPlay.
_CAR_GADGET = Words(
    "магнитол* автомагнитол* видеорегистратор* регистратор* carplay car_play android_auto "
    "андроид_авто* автосигнализац* парктроник* dashcam* dash_cam head_unit бортовик* "
    "навигатор* navigator* мультимедиа*"
)
# A fleet's drivers, routes and deliveries: their devices are the company's.
_FLEET = Words(
    "водител* driver* маршрут* route* рейс рейса рейсы рейсов курьер* courier* логист* "
    "logist* доставк* delivery* экспедитор* автопарк* fleet* трекер* tracker* тахограф*"
)
_CAR = Words("машин* mashin* авто автомобил* car cars тачк* тачке тачку")
_CAR_DEVICE = Words(
    "навигатор* navigator* gps блютуз* bluetooth флешк* usb телефон* phone* мультимедиа* "
    "multimedia* экран* screen* камер* camera*"
)
# Fitness bands, robot vacuums and home appliances with apps: nobody's office IT.
_HOME_GADGET = Words(
    "фитнес_браслет* смарт_браслет* mi_band ми_бэнд* amazfit* garmin* fitbit* apple_watch "
    "galaxy_watch робот_пылесос* пылесос* vacuum* стиралк* стиральн* посудомо* мультиварк* "
    "smart_bulb mi_home ми_хоум* "
    "tuya туя_смарт* xiaomi домофон* видеоняня* видеоняню smart_watch smartwatch* умные_час* "
    "вотч* galaxy_watch* браслет* видеоглаз* глазок doorbell* ezviz* imou* google_home homepod* "
    "алекс_эхо echo_dot band huawei_watch* хуавей_час* xiaomi_watch*"
)
_STORAGE = Words(
    "флешк* flash usb диск диска диске диском disk drive облак* cloud icloud* айклауд* памят* sd телефон* "
    "phone* ноут* laptop* компьютер* комп"
)
# A person's money: cards, cashback, transfers, loans. "Моя карта", "my card".
_MONEY = Words(
    "карта карту карты карте картой card cards кэшбэк* кешбэк* кешбек* кэшбек* cashback* "
    "перевод переводы перевести transfer* кредит* credit* ипотек* mortgage* вклад вклады вклада вкладу вкладе "
    "сбп sbp кошел* бонус* bonus* балл баллы баллов баллами points"
)
# "Флешка с моими фотками": a person's photos, music and videos.
_PERSONAL_MEDIA = Words(
    "фотк* фоточк* фотографи* фото photos pictures музык* music песн* songs видос* "
    "фильм* movie* сериал* series",
    ia_forms=True,
)
_MESSENGER = Words(
    "телеграм* telegram* телега* телеге телегу телеги whatsapp* ватсап* вацап* вотсап* viber* "
    "вайбер* skype скайп*"
)
_ACCOUNT_TROUBLE = Words(
    "аккаунт* akkaunt* account* страниц* page профил* profile* войти зайти зайд* вход* "
    "login* log пароль пароля парол* parol* password* взлом* vzlom* hack* заблок* "
    "разблок* block* восстанов* recover* смс sms код code кабинет* kabinet* карт* card* "
    "подписк* podpisk* subscription* оплат* списал* списыва* продл* подпис* signature* бан бане "
    "бана банят забан* разбан* ban banned suspend* огранич* restrict* заморож* frozen"
)
# Marketplaces, delivery and taxi apps: a client may sell there, but "my account", "my orders"
# there are the person's shopping.
_MARKETPLACE = Words(
    "вайлдберриз* вайлдбериз* валдберис* валберис* wildberries* wildberis вб wb озон* ozon* "
    "яндекс_маркет* yandex_market алиэкспресс* алиэкспрес* aliexpress* али ali авито* avito* "
    "алик алике алика алику ламода* lamoda* amazon* амазон* ebay ибей самокат* сбермаркет* мегамаркет* купер kuper "
    "яндекс_еда яндекс_лавк* delivery_club деливери_клаб* яндекс_такси uber убер убера убере убером ситимобил* "
    "золотое_яблоко летуаль* летуал*"
)
# The seller's side of a marketplace: the client's shop, its goods and the exchange with it.
_SELLER = Words(
    "продав* prodav* seller* поставщик* supplier* магазин* shop* store товар* tovar* "
    "остатк* ostatk* выгруз* vygruz* карточк* kartochk* фид* feed* api интеграц* integrat* "
    "склад* sklad* warehouse* fbo fbs отгруз* поставк* артикул* sku"
)
_MY_SHOPPING = Words(
    "аккаунт* akkaunt* account* профил* profile* кабинет* kabinet* заказ* zakaz* order* "
    "оплат* oplat* payment* карт* card* заблок* block* войти зайти вход* login* пароль "
    "парол* password* доставк* delivery* возврат* refund* посылк* parcel* корзин* cart "
    "подписк* subscription* промокод* promo* вернуть вернут вернули верните возвращ* деньг* "
    "money refund* "
    "брак пвз трек* track*"
)
# Games named by title: written as they are, their keys would collide with common words
# ("доту" and "дату"), so they are matched on the raw lower-case words.
_GAME_TITLES = frozenset({
    "дота", "доту", "доте", "доты", "дотой", "дотка", "дотку", "dota", "dota2", "ксго", "csgo",
    "cs2", "варкрафт", "warcraft", "wow", "пабг", "pubg", "валорант", "valorant", "геншин",
    "genshin", "гта", "gta", "фифа", "fifa", "fc24", "fc25", "apex", "overwatch", "hearthstone",
    "варфейс", "warface", "тарков", "tarkov", "киберпанк", "cyberpunk", "контру", "контра",
    "кс2", "танки", "танках", "танков", "wot", "лол", "мобла", "бравл", "brawl", "клеш", "clash",
    "сталкер", "stalker", "skyrim", "скайрим", "witcher", "ведьмак", "ведьмака",
})
_GAME_CONTEXT = Words(
    "игр* igr* game* играть играю играем play* сервер* server* пинг ping лаг* lag* "
    "пуска* запуска* launch* connection* подключ* вылет* crash* аккаунт* account* "
    "катк* матч* match* поигра*"
)


_WATCH = frozenset({"часы", "часах", "часов", "часам", "часики", "watch"})
_WATCH_KIND = Words(
    "huawei хуавей* xiaomi сяоми* ксиоми* honor хонор* samsung самсунг* galaxy галакси garmin* "
    "гармин* apple эпл* amazfit* амазфит* детск* kids умн* smart gps сим* sim фитнес* fitness"
)
_PHONE_STORAGE = Words("облак* oblak* cloud* памят* pamyat* storage memory галере* gallery")
_TELEVISION = Words("тв tv iptv иптв* приставк* канал* channel* телевизор* телик* кино* movie*")


# Dating apps, by their raw names: "тиндер" is keyed as "тендер" (a tender).
_DATING = frozenset({
    "тиндер", "тиндере", "тиндера", "тиндером", "tinder", "мамба", "мамбе", "мамбу", "bumble",
    "бамбл", "бадоо", "badoo", "hinge", "pure", "пьюр", "twinby", "твинби",
})


_CONSOLE = Words(
    "плойк* ps4 ps5 ps3 playstation* плейстейшн* xbox* иксбокс* nintendo* нинтендо* "
    "геймпад* gamepad* джойстик*"
)
# "Свитч" is a network switch as often as a Nintendo: a console only with a game near it.
_SWITCH = Words("свитч* switch*")
# Voice assistants by name (raw words: "Алиса" is also a colleague) and smart-home things.
_ASSISTANTS = frozenset({
    "алиса", "алису", "алисе", "алисой", "алисы", "маруся", "марусю", "марусе", "маруси",
    "марусей", "siri", "сири", "alexa", "алекса", "алексу", "алексой", "алексе",
    "салют", "салюта", "салюту", "салютом", "cortana", "кортана",
})
# Assistants nobody in the office is called: named, they are the person's gadget.
_ASSISTANT_BRANDS = frozenset({"siri", "сири", "alexa", "cortana", "кортана"})
# What one does with a voice assistant: talk to it. A colleague named Alisa is met in calls.
_VOICE = Words(
    "голос* golos* voice* команд* komand* command* слыш* slysh* hear* распозна* recogni* "
    "переспрашива* wake услыш* понима* understand*"
)
_CALL = Words(
    "созвон* zoom зум* телемост* meet teams звонк* звонок звонит звонил* call* встреч* "
    "meeting* совещани* планерк* конференц* conference*",
    ia_forms=True,
)
# Speakers, stations and capsules with an assistant inside: "станция мини не слышит".
_SPEAKER = Words(
    "колонк* kolonk* станц* speaker* капсул* homepod* echo smart_speaker google_home "
    "яндекс_станц* сбербокс* sberbox*"
)
_SPEAKER_USE = Words(
    "музык* music песн* song* трек* track* плейлист* playlist* радио radio блютуз* bluetooth "
    "вайфай* wifi wi-fi будильник* alarm* умн* smart"
)
_SMART_THING = Words(
    "свет света светом лампочк* ламп* розетк* кондиционер* обогреват* чайник* музык* "
    "песн* будильник* колонк* станц* телевизор* телик* квартир* комнат* спальн* кухн* "
    "штор* light* lamp* plug* music song* alarm* speaker* двер* звонок doorbell* камер* camera* "
    "датчик* sensor* пылесос* vacuum* замок замка замку замке"
)
_SMART_WORD = Words("умн* smart")


# Streaming and game services named by brand: never office IT.
_STREAMING = Words(
    "netflix* нетфликс* кинопоиск* kinopoisk* okko окко иви ivi амедиатек* amediatek* more_tv "
    "spotify* спотифа* twitch* твич* яндекс_плюс yandex_plus яндекс_музык* yandex_music* "
    "disney* дисней* hbo apple_music apple_tv эпл_тв* youtube_premium ютуб_премиум* "
    "steam стим стиме стима стимом playstation* плейстейшн* плойк* xbox* иксбокс* "
    "minecraft* майнкрафт* roblox* роблокс* fortnite* фортнайт* epic_games"
)
# Remote access to the office: a VPN, a remote desktop, a terminal server.
_REMOTE_ACCESS = Words(
    "rdp рдп удаленн* удалённ* remote терминальн* terminal* anydesk* энидеск* teamviewer* "
    "тимвьюер*"
)
# A messenger account blocked, banned or hacked ("телега пишет, что номер заблокирован").
_BANNED = Words(
    "заблок* zablok* бан бане бана банят забан* ban banned blocked block hacked взлом* "
    "suspend*"
)
_BACKUP = Words("бэкап* бекап* backup* резервн* копи*")
_FILMS = Words(
    "фильм* film* movie* сериал* series мульт* cartoon* музык* music песн* song* плейлист* "
    "playlist* фотографи* фотк* фоточк* photos pictures",
    ia_forms=True,
)
# "Поиграть в доту на рабочем компе": a game played is leisure on any computer.
_PLAY = Words("играть поиграть играю играем поиграем игра play playing")
# A messenger's own chats and what is lost of them.
_CHAT_HISTORY = Words(
    "переписк* perepisk* чаты чатов чат чата диалог* dialog* сообщени* soobshen* message* "
    "messages chats history истори* контакт* contact* стикер* sticker* фото photo* медиа media "
    "голосов* voice",
    ia_forms=True,
)
_LOST = Words(
    "пропал* пропад* исчез* удалил* удалила удалились удалилось стер стерл* стерлись "
    "вернуть верните достать достаньте восстанов* lost lose disappear* gone vanished deleted restore* recover* "
    "back перенес* перенос* перенест* transfer*"
)
_INTEGRATION = Words(
    "интеграц* integrat* открыт* линии линия линий open_line* crm Crm битрикс* bitrix* б24 b24 "
    "amo амо wazzup* ваззап* radist* радист* chatapp* коннектор* connector* api"
)


def _smart_home(raw: Sequence[str], ks: Sequence[str]) -> bool:
    """A voice assistant, a smart speaker or a smart-home device ("Маруся не включает музыку",
    "колонка не слышит команды", "умная розетка отвалилась")."""
    if _has_phrase(raw, _ASSISTANT_INDEX):
        return True
    if _ASSISTANTS & set(raw):
        if _SMART_THING.any(ks) or _HOME.any(ks):
            return True
        return _VOICE.any(ks) and not _CALL.any(ks)
    if _SPEAKER.any(ks) and (_VOICE.any(ks) or _SPEAKER_USE.any(ks)):
        return True
    return all_of(ks, _SMART_WORD, _SMART_THING)


_VPN = Words("впн* vpn*")
_HANDSET = Words(
    "телефон телефоне телефона телефоном телефончик* айфон* iphone* андроид* android* "
    "смартфон* smartphone* планшет* tablet* ipad* айпад* мобильник* phone phones"
)
# A flat, a bedroom, a nursery, the stairwell: where a person lives.
_DWELLING = Words(
    "квартир* kvartir* apartment flat спальн* bedroom детск* nursery подъезд* комнат* "
    "room"
)
_HOME_DEVICE = Words(
    "камер* kamer* camera* cam видеоглаз* глазок домофон* датчик* sensor* лампочк* розетк* "
    "кондиционер* обогреват* телевизор* телик* tv doorbell* замок замка замку замке"
)
# A real-estate client's flats are its goods: listings, viewings, deals.
_REALTY = Words(
    "объявлени* listing* объект* obekt* карточк* показ показа показы показов показе аренд* rent* продаж* клиент* "
    "client* риелтор* риэлтор* агент* agent* покупател* buyer* собственник*",
    ia_forms=True,
)


# A client's record: "домашний адрес клиента в карточке" is data in the CRM, not a home.
_RECORD = Words(
    "карточк* kartochk* контакт* kontakt* contact* поле поля полей полях field* анкет* "
    "profile* профил* запис* record*"
)
# Earbuds are nobody's office kit (a headset is): "airpods перестали заряжаться".
_EARBUDS = Words("airpods* аирподс* эйрподс* эирподс* earbuds* galaxy_buds бадс* tws")
# The eighth round: consumer devices by what they are for, not by brand — a baby's, a pet's,
# the kitchen's, one's health, the car's, leisure. No office runs a baby monitor.
_GADGET_FAMILY = Words(
    "радионян* радио_нян* видеонян* baby_monitor* baby_cam* babycam* nanny_cam* "
    "ошейник* кормушк* автокормушк* поилк* лоток лотка когтеточк* pet_feeder* pet_cam* "
    "pet_tracker* dog_collar* cat_feeder* тонометр* глюкометр* пульсоксиметр* ингалятор* "
    "небулайзер* слухов* hearing_aid* blood_pressure* glucometer* oximeter* "
    "электросамокат* гироскутер* моноколес* квадрокоптер* дрон дрона дроном drone* "
    "вейп* vape* электронная_сигарета электронную_сигарету электронной_сигареты чайник* kettle* кофеварк* тостер* toaster* "
    "холодильник* fridge* refrigerator* микроволн* microwave* духовк* аэрогрил* air_fryer* "
    "блендер* blender* увлажнител* humidifier* очистител* air_purifier* обогревател* "
    "heater* термостат* thermostat* бойлер* водонагреват* газонокосил* mower* "
    "игрушк* toy toys электрощетк* зубн_щетк* toothbrush* фитнес_трекер* fitness_tracker* "
    "fitness_band* смарт_кольц* smart_ring* наушник* headphone* headset_at_home "
    "видеорегистратор* dashcam* парктроник* приставк* домофон* "
    "e-scooter* scooter* hoverboard* nanny collar*"
)
_HOME_GADGET = _HOME_GADGET | _GADGET_FAMILY
# Assistants named in a phrase that no colleague is called: "окей гугл", "hey Siri".
_ASSISTANT_PHRASES = (
    ("ok", "google"), ("окей", "гугл"), ("ок", "гугл"), ("окей", "google"), ("hey", "google"),
    ("hey", "siri"), ("эй", "сири"), ("google", "assistant"), ("гугл", "ассистент"),
    ("голосовой", "помощник"), ("голосовой", "ассистент"), ("voice", "assistant"),
)
_ASSISTANT_INDEX = _by_first_word(_ASSISTANT_PHRASES)


# Everything the consumer-life checks look for, as one gate: most messages name none of it.
_CONSUMER_LIFE = (
    _DELIVERY_APP | _CAR_GADGET | _HOME_GADGET | _CAR | _MONEY | _PERSONAL_MEDIA | CONSUMER
    | _MAIL_PROVIDER | _MARKETPLACE | _PERSONAL_APP | _EARBUDS
)


# The seventh round's checks of is_personal, gated on one lookup per word.
_APPS_GATE = _VPN | _REMOTE_ACCESS | _STREAMING | _MESSENGER | _HANDSET | _FILMS


def _named_game(raw: Sequence[str], ks: Sequence[str]) -> bool:
    """A game named by title, with something about playing it."""
    return bool(_GAME_TITLES & set(raw)) and (
        _GAME_CONTEXT.any(ks) or "problem" in cue_names(ks) or _NEED.any(ks)
    )


# The company's own systems and mail: these keep a request technical.
_COMPANY = Words(
    "наш наша нашу нашей нашем нашего наши наших нашим нашими корпоратив* korporativ* "
    "corporate рабоч* rabach* служебн* домен* domain* компани* kampani* company "
    "организац* organizat* юрлиц* юр_лиц* отдел* otdel* офис* ofis* office "
    "эквайр* ekvair* acquiring* касс* kass* выписк* vypisk* платежк* реквизит* расчетн* "
    "интеграц* integrat* api рассылк* rassylk* newsletter* "
    "сотрудник* колле* бот бота боте боту ботом боты ботов bot bots эцп кэп "
    "переговорн* переговорк* серверн* ресепшн* ресепшен* reception meeting_room опенспейс* "
    "open_space",
    ia_forms=True,
)
# "Управляющая компания" runs the building the person lives in, not the company they work for.
_MANAGING = Words("управляющ* upravlyayuQ*")


def _not_managing(ks: Sequence[str]) -> list[str]:
    """The keys without the "компания" of "управляющая компания"."""
    if not _MANAGING.any(ks):
        return list(ks)
    return [k for i, k in enumerate(ks) if not (i and _MANAGING.matches(ks[i - 1]))]


# "Личный кабинет" is a feature of many systems, not a claim of ownership.
_CABINET = key("кабинет")


def _ownership_keys(joined: list[str]) -> list[str]:
    """The keys that may claim ownership: the "личный" of "личный кабинет" does not."""
    return [
        k for i, k in enumerate(joined)
        if not (_PRIVATE_HARD.matches(k) and i + 1 < len(joined)
                and joined[i + 1].startswith(_CABINET))
    ]


_NOT_WORK_PHRASES = (
    ("не", "по", "работе"), ("не", "рабочий"), ("не", "рабочее"), ("не", "рабочая"),
    ("не", "про", "работу"), ("не", "совсем", "по", "работе"), ("not", "work", "related"),
    ("not", "about", "work"), ("non", "work"), ("nothing", "to", "do", "with", "work"),
)
_NOT_WORK_INDEX = _by_first_word(_NOT_WORK_PHRASES)


def _not_work(raw: Sequence[str]) -> bool:
    """"Не по работе, но...", "not work related": said outright."""
    return _has_phrase(raw, _NOT_WORK_INDEX)


# "Мне надо понять, кто пишет клиентам с личного вотсапа": the speaker's need, not a claim
# that the thing is theirs.
_SPEAKER_NEED = Words(
    "надо нужно нужен нужна нужны хочу хочется хотелось интересно кажется важно понять "
    "узнать need want"
)
_TO_ME = Words("мне меня menya")


def _claims(joined: Sequence[str]) -> list[str]:
    """The keys without a "мне" that only introduces what the speaker needs to know."""
    return [
        k for i, k in enumerate(joined)
        if not (_TO_ME.matches(k) and i + 1 < len(joined) and _SPEAKER_NEED.matches(joined[i + 1]))
    ]


def _consumer(joined: Sequence[str]) -> bool:
    """A consumer service or a consumer mailbox is named."""
    return (
        CONSUMER.any(joined) or _MAIL_PROVIDER.any(joined) or _LEISURE.any(joined)
        or _PERSONAL_APP.any(joined)
    )


_REMOTE_WORK_PHRASES = (
    ("работаю", "из", "дома"), ("работаем", "из", "дома"), ("работаю", "удаленно"),
    ("работаю", "на", "удаленке"), ("работаю", "из", "дому"), ("working", "from", "home"),
    ("work", "from", "home"), ("работая", "из", "дома"),
)
_REMOTE_WORK_INDEX = _by_first_word(_REMOTE_WORK_PHRASES)


# The eighth round: where the thing is, said in so many words, over any device: "the printer
# at my place", "у мамы", "у сына на планшете", "на даче", "my wife's laptop" (raw words:
# "my" and "мы" share a key).
_AT_HOME_PHRASES = (
    ("at", "my", "place"), ("my", "place"), ("my", "house"), ("my", "flat"), ("my", "apartment"),
    ("at", "home"), ("my", "home"), ("my", "parents"), ("my", "mom"), ("my", "mum"),
    ("my", "dad"), ("my", "kid"), ("my", "kids"), ("my", "son"), ("my", "daughter"),
    ("my", "wife"), ("my", "husband"), ("my", "girlfriend"), ("my", "boyfriend"),
    ("my", "garage"), ("my", "room"), ("my", "bedroom"), ("my", "kitchen"), ("my", "car"),
    ("my", "own"), ("my", "personal"), ("my", "family"), ("my", "sister"), ("my", "brother"),
    ("my", "grandma"), ("my", "granny"), ("my", "neighbour"), ("my", "neighbor"),
    ("our", "house"), ("our", "flat"), ("our", "apartment"), ("our", "kids"),
    ("our", "baby"), ("our", "dog"), ("our", "cat"), ("my", "dog"), ("my", "cat"),
    ("my", "baby"), ("у", "мамы"), ("у", "папы"), ("у", "сына"), ("у", "дочки"), ("у", "дочери"),
    ("у", "жены"), ("у", "мужа"), ("у", "родителей"), ("у", "бабушки"), ("у", "дедушки"),
    ("у", "ребенка"), ("у", "детей"), ("у", "тещи"), ("у", "свекрови"), ("у", "сестры"),
    ("у", "брата"), ("у", "подруги"), ("у", "соседа"), ("у", "соседки"), ("на", "даче"),
    ("у", "себя", "дома"), ("у", "меня", "дома"), ("ко", "мне", "домой"), ("в", "квартире"),
    ("дома", "у"), ("на", "кухне", "дома"), ("в", "детской"), ("для", "ребенка"),
    ("для", "сына"), ("для", "дочки"), ("для", "мамы"), ("для", "жены"), ("для", "мужа"),
    ("for", "my"),
)
_AT_HOME_INDEX = _by_first_word(_AT_HOME_PHRASES)
_ANY_DEVICE = _DEVICE | _GADGET_FAMILY | _HOME_GADGET | _HOME_DEVICE | _CAR_GADGET | Words(
    "камер* camera* cam колонк* speaker* часы watch лампочк* bulb* розетк* plug* "
    "монитор* monitor* экран* screen* принтер* printer* мфу сканер* scanner* проектор* "
    "projector* флешк* flash usb жестк* disk drive harddrive ssd nas"
)


def _at_home_device(ks: Sequence[str], raw: Sequence[str], joined: Sequence[str]) -> bool:
    """A device placed at home or with the family in so many words, with no office, company,
    client or work system named."""
    return _has_phrase(raw, _AT_HOME_INDEX) and _ANY_DEVICE.any(joined)


# The ninth round: Russian "сети" (a network) keys as English "site": "ошибка сети", "в той
# же сети" name no website of the company.
_NETWORK_RAW = frozenset({"сети", "сеть", "сетью", "сетей"})
_SITE_RAW = frozenset({"site", "sites", "website", "сайт", "сайта", "сайте"})
_SITE_KEY = key("site")
# Children and parents in the plural next to a centre, a school or a shop are the business's
# clients ("родители ждут чек в детском центре", "количество детей для школ"); a son, a
# daughter or "my child" stay family.
_KIN_PLURAL = Words("детск* дети детей детям детьми родител* parents")
_INSTITUTION = Words(
    "центр* center* centre* школ* school* садик* детсад* лагер* camp* клуб* club* секци* "
    "кружк* студи* studio* класс* лаборатор* клиник* clinic* магазин* shop* store* сайт* "
    "site касс* тур tours туров тура"
)
# A mobile plan switched by the speaker ("перешла на другой тариф у оператора"): the
# person's own SIM, wherever it fails to connect.
_SWITCHED_ALONE = Words(
    "перешла перешел перешёл сменила сменил поменяла поменял подключила подключил switched"
)
_OPERATOR = Words("оператор* operator* carrier* мтс мегафон* билайн* теле2 tele2 yota йота")
_CORPORATE = Words("корпоративн* corporate сотрудник* employee* staff всем всех")


def _kin_as_clients(joined: list[str]) -> list[str]:
    if _KIN_PLURAL.any(joined) and _INSTITUTION.any(joined):
        return [k for k in joined if not _KIN_PLURAL.matches(k)]
    return joined


def _own_mobile_plan(ks: Sequence[str], joined: Sequence[str]) -> bool:
    return (
        _SWITCHED_ALONE.any(ks) and _TARIFF.any(joined)
        and (_OPERATOR.any(ks) or _MOBILE.any(joined)) and not _CORPORATE.any(ks)
    )


def is_personal(ks: Sequence[str], raw: Sequence[str] = ()) -> bool:
    """A request about the user's own device, account, home connection or a family errand.

    `raw` are the lower-case words before keying: English "my" and Russian "мы" share a key.
    """
    if _NETWORK_RAW & set(raw) and not _SITE_RAW & set(raw):
        ks = [k for k in ks if k != _SITE_KEY]
    joined = _kin_as_clients(join_phrases(ks))
    if _has_phrase(raw, _REMOTE_WORK_INDEX) and (_WORK_SYSTEM.any(ks) or _BUSINESS.any(ks)):
        return False  # "работаю из дома, не пускает в 1С": home is the workplace today
    # One gate for the checks below that need a VPN, a streaming service, a messenger, a
    # handset or films named: most messages name none of them.
    apps = _APPS_GATE.any(joined)
    if apps and (_VPN.any(ks) or _REMOTE_ACCESS.any(ks)) and _BUSINESS.any(ks) and not (
        _consumer(joined) or _STREAMING.any(joined)
    ):
        return False  # "наш впн не пускает в битрикс из дома": the way in to work from home
    if "my" in raw:
        joined.append(_MY)
    if _WIFE & set(raw):
        joined.append(_WIFE_KEY)  # "wife" is keyed as "wifi": the wife is found in raw words
    owned = _ownership_keys(joined)
    hard = _PRIVATE_HARD.any(owned)
    work = _WORK_SYSTEM.any(ks)
    # "Коллеги, мой инст в бане": the chat addressed is not the company's account.
    company = _COMPANY.any(_not_managing(
        joined[1:] if joined and _ADDRESS.matches(joined[0]) else joined
    ))
    # Ownership decides, whatever work words follow: "my Gmail", "личная почта на мейл.ру";
    # only connecting one's mailbox or Instagram to the client's CRM is still work, unless
    # it is called personal outright. The company's mail ("наша почта", "корпоративная")
    # stays technical.
    owned_consumer = _consumer(joined) or all_of(joined, _YANDEX, _MAILBOX) or (
        _MESSENGER.any(joined) and not company
    )
    mine = _FIRST_PERSON.any(_claims(joined))
    if _OWNERSHIP.any(owned) and owned_consumer and (
        (hard and (mine or not work)) or not (work or company)
    ):
        return True
    if not (work or company or _BUSINESS.any(ks) or _STAFF.any(ks)) and _at_home_device(
        ks, raw, joined
    ):
        return True
    # Films, music and games by their service's name are leisure even through the office's
    # network or VPN ("нетфликс не работает через наш впн"): only staff or clients named make
    # them the company's business ("block Netflix for the employees").
    if apps and _STREAMING.any(joined) and not _STAFF.any(ks):
        return True
    # "В вайбере пропали переписки", "контакты в телефоне пропали", "телеграм не обновляется
    # на айфоне": the person's own chats, contacts or messenger app on a handset, lost or in
    # trouble, with no client, CRM or open line in sight.
    if apps and (_MESSENGER.any(joined) or _HANDSET.any(ks)) and not (
        work or company or _BUSINESS.any(ks) or _INTEGRATION.any(ks) or _STAFF.any(ks)
    ) and (
        (_CHAT_HISTORY.any(ks) and _LOST.any(ks))
        or (_MESSENGER.any(joined) and _BANNED.any(ks))
        or (_MESSENGER.any(joined) and (_HANDSET.any(ks) or _BACKUP.any(ks)) and (
            _NEED.any(joined) or "problem" in cue_names(ks)
        ))
    ):
        return True
    # "Как скачать фильм на телефон", "фотки с айфона на ноут": films, music and photos on a
    # person's device.
    if apps and _FILMS.any(ks) and _DEVICE.any(joined) and not (
        work or company or _BUSINESS.any(ks) or _RECORD.any(ks)
    ):
        return True
    # Games, consoles, films and smart TVs are nobody's work, owned or not.
    if _LEISURE.any(joined) and not (work or company):
        return True
    if _named_game(raw, ks) and (
        _PLAY.any(ks) and not _STAFF.any(ks) or not (work or company or _BUSINESS.any(ks))
    ):
        return True
    if _DATING & set(raw) and not (work or company or _BUSINESS.any(ks)):
        return True
    # "Часы хуавей не показывают сообщения": a watch with a brand or "smart" is a gadget,
    # whatever "часы" (hours) otherwise means at work.
    if _WATCH & set(raw) and _WATCH_KIND.any(joined) and not (
        work or company or _BUSINESS.any(ks)
    ):
        return True
    # "Облако на айфоне заполнено": a phone's own cloud or memory.
    if _HANDSET.any(ks) and _PHONE_STORAGE.any(ks) and _NEED.any(joined) and not (
        work or company or _BUSINESS.any(ks)
    ):
        return True
    # "Ростелеком ТВ не показывает": a provider's television is the home's.
    if _PROVIDER.any(joined) and _TELEVISION.any(joined) and not (work or company):
        return True
    # A console named is leisure even where "сети" sounds like "site": "плойка не видит сеть".
    if (_CONSOLE.any(joined) or (_SWITCH.any(joined) and _GAME_CONTEXT.any(ks))) and not company:
        return True
    if _smart_home(raw, ks) and not (work or company or _BUSINESS.any(ks)):
        return True
    # "Alexa doesn't respond when I call her": a call to an assistant is no phone call.
    if _ASSISTANT_BRANDS & set(raw) and not (company or _BUSINESS.any(ks)):
        return True
    # A VPN for the person's phone or for a consumer service ("впн, чтобы открывался инстаграм").
    if _VPN.any(ks) and (_consumer(joined) or _HANDSET.any(ks) or _HOME.any(ks)) and not (
        work or company or _BUSINESS.any(ks)
    ):
        return True
    # A camera or a device in a flat, a room or at the dacha: the home's own.
    if _DWELLING.any(ks) and (_DEVICE.any(joined) or _HOME_DEVICE.any(ks)) and (
        _NEED.any(joined) or _NEGATED.any(ks)
    ) and not (work or company or _BUSINESS.any(ks) or _REALTY.any(ks)):
        return True
    # "Мой аккаунт на маркетплейсе заблокировали", "в моём кабинете на Озоне нет заказов":
    # the person's shopping, unless the seller's side (goods, stock, exchange) is named.
    if _MARKETPLACE.any(joined) and _MY_SHOPPING.any(joined) and (
        mine or _OWNERSHIP.any(owned)
    ) and not (work or company or _SELLER.any(joined) or _BUSINESS.any(ks)):
        return True
    if _CONSUMER_LIFE.any(joined) and _consumer_life(ks, joined, work, company, mine):
        return True
    # A consumer mailbox or a personal account in trouble, with no company in sight.
    if (_MAIL_PROVIDER.any(joined) or _PERSONAL_APP.any(joined)) and _ACCOUNT_TROUBLE.any(
        joined
    ) and not (work or company):
        return True
    if _MAIL_PROVIDER.any(joined) and _MAILBOX.any(joined) and not (work or company):
        return True
    # A bank app or state services the person uses, in trouble ("не могу перевести").
    if _PERSONAL_APP.any(joined) and _NEED.any(joined) and not (work or company):
        return True
    # "Не по работе, но...": the person says outright that it is their own business.
    if _not_work(raw) and (
        _DEVICE.any(joined) or _consumer(joined) or _ACCOUNT_TROUBLE.any(joined)
        or _HOME_NET.any(joined)
    ):
        return True
    # The internet at home or at the dacha, a home provider, a mobile tariff.
    if _HOME.any(owned) and (_HOME_NET.any(joined) or _PROVIDER.any(joined)) and not work:
        return True
    if (_MOBILE.any(joined) or _PROVIDER.any(joined)) and _TARIFF.any(joined) and not (
        work or company
    ):
        return True
    if _own_mobile_plan(ks, joined) and not work:
        return True
    # A child's tablet, a husband's laptop: family devices whatever happened to them.
    # "Брат" is keyed as "брать" (to take): the brother is found among the raw words.
    family = _FAMILY.any(joined) or _BROTHER in raw
    if family and (_DEVICE.any(joined) or _consumer(joined)) and not work:
        return True
    if hard and (_DEVICE.any(joined) or _PRIVATE_ACCOUNT.any(joined)) and (mine or not work):
        return True
    if not _NEED.any(joined):
        return False
    if (_PERSONAL_STRONG.any(joined) or _BROTHER in raw) and not (
        (_BUSINESS.any(ks) or _RECORD.any(ks)) and _PEOPLE.any(ks) and not mine
    ):
        return True  # "у менеджера дома не подключается 1С": an employee's work from home
    if all_of(joined, _MOBILE, _NET) and not (work or company):
        return True
    # An old device, unless it is the company's ("старый рабочий ноутбук тормозит").
    if _DEVICE.any(joined) and _OLD.any(joined) and not (work or company or _BUSINESS.any(ks)):
        return True
    # "My work laptop won't see the office printer": the office's kit in the speaker's hands.
    return _POSSESSIVE.any(owned) and _DEVICE.any(joined) and not (
        work or _BUSINESS.any(ks) or (company and not _OWN.any(owned))
    )


def _consumer_life(
    ks: Sequence[str], joined: Sequence[str], work: bool, company: bool, mine: bool
) -> bool:
    """Apps, gadgets, shopping and money of a person's own life, in trouble or asked about."""
    asks = (
        _NEED.any(joined) or _NEGATED.any(ks)
        or not {"problem", "howto"}.isdisjoint(cue_names(ks))
    )
    # Goods, stock and uploads are the seller's side of a marketplace or a delivery app; next
    # to a consumer cloud or streaming service they are the person's photos ("выгрузить фотки
    # из айклауда").
    business = _BUSINESS.any(ks) or (_SELLER.any(joined) and (
        _MARKETPLACE.any(joined) or _DELIVERY_APP.any(joined)
        or not (CONSUMER.any(joined) or _MAIL_PROVIDER.any(joined))
    ))
    # Food, grocery and taxi apps, a car's own electronics, fitness bands and home gadgets are
    # nobody's office IT, whoever owns them ("заказ еды к офису не оформить" included).
    if asks and not business and (
        (_DELIVERY_APP.any(joined) and not work)
        or (_CAR_GADGET.any(joined) and not _FLEET.any(ks))
        or all_of(ks, _CAR, _CAR_DEVICE)
    ):
        return True
    # A band or earbuds at the till or on an employee are the company's kit.
    if asks and not (business or company) and (
        _HOME_GADGET.any(joined) or _EARBUDS.any(joined)
    ) and not (_GADGET_FAMILY.any(joined) and (_STAFF.any(ks) or _OFFICE_LIFE.any(ks))):
        return True
    if not (work or company or business):
        # "Заблокировали мой аккаунт в инсте", "my card's cashback", "флешка с моими фотками":
        # the speaker's own account, money or photos, with no system of the company named.
        if mine and (
            _MONEY.any(joined) or all_of(joined, _PERSONAL_MEDIA, _STORAGE)
        ) and asks:
            return True
        # A consumer service in trouble ("айклауд переполнен", "ламода не возвращает деньги").
        if asks and (CONSUMER.any(joined) or _MAIL_PROVIDER.any(joined)):
            return True
        if asks and _MARKETPLACE.any(joined) and _MY_SHOPPING.any(joined):
            return True
    # "Там мои клиенты по фитнесу": the account is still the person's own.
    return bool(
        mine and _PERSONAL_APP.any(joined) and _ACCOUNT_TROUBLE.any(joined)
        and not (company or business)
    )


_WIFE = frozenset({"wife", "wifes", "wife's"})
_WIFE_KEY = key("жена")
_ADDRESS = Words("коллеги коллега колеги ребята ребят друзья guys folks")
_MY = key("мой")
_PAIR_KEYS = {
    (key("у"), key("меня")): key("у_меня"), (key("на"), key("даче")): key("на_даче"),
    (key("mail"), key("ru")): key("mail_ru"), (key("майл"), key("ру")): key("mail_ru"),
    (key("мейл"), key("ру")): key("mail_ru"), (key("яндекс"), key("плюс")): key("яндекс_плюс"),
    (key("yandex"), key("plus")): key("яндекс_плюс"), (key("apple"), key("id")): key("apple_id"),
    (key("смарт"), key("тв")): key("smart_tv"), (key("smart"), key("tv")): key("smart_tv"),
    (key("маил"), key("ру")): key("mail_ru"), (key("мэйл"), key("ру")): key("mail_ru"),
    (key("inbox"), key("ru")): key("inbox_ru"), (key("bk"), key("ru")): key("bk_ru"),
    (key("list"), key("ru")): key("list_ru"), (key("outlook"), key("com")): key("outlook_com"),
    (key("yandex"), key("ru")): key("yandex_ru"), (key("ya"), key("ru")): key("ya_ru"),
    (key("яндекс"), key("почта")): key("яндекс_почта"),
    (key("яндекс"), key("почте")): key("яндекс_почта"),
    (key("яндекс"), key("почту")): key("яндекс_почта"),
    (key("яндекс"), key("музыка")): key("яндекс_музыка"),
    (key("яндекс"), key("музыку")): key("яндекс_музыка"),
    (key("смарт"), key("часы")): key("smart_watch"), (key("умные"), key("часы")): key("smart_watch"),
    (key("smart"), key("watch")): key("smart_watch"),
    (key("умная"), key("колонка")): key("smart_speaker"),
    (key("умную"), key("колонку")): key("smart_speaker"),
    (key("умной"), key("колонке")): key("smart_speaker"),
    (key("smart"), key("speaker")): key("smart_speaker"),
    (key("умный"), key("дом")): key("smart_home"), (key("умного"), key("дома")): key("smart_home"),
    (key("умном"), key("доме")): key("smart_home"), (key("smart"), key("home")): key("smart_home"),
    (key("электронная"), key("книга")): key("ebook"),
    (key("электронную"), key("книгу")): key("ebook"),
    (key("электронной"), key("книге")): key("ebook"), (key("e"), key("book")): key("ebook"),
    (key("дом"), key("ру")): key("дом_ру"),
    (key("ms"), key("office")): key("ms_office"), (key("мс"), key("офис")): key("ms_office"),
    (key("ps"), "4"): key("ps4"), (key("ps"), "5"): key("ps5"),
    (key("пс"), "4"): key("ps4"), (key("пс"), "5"): key("ps5"),
    (key("яндекс"), key("станция")): key("яндекс_станция"),
    (key("яндекс"), key("станцию")): key("яндекс_станция"),
    (key("сбербанк"), key("онлайн")): key("сбербанк_онлайн"),
    (key("сбер"), key("онлайн")): key("сбер_онлайн"),
    (key("альфа"), key("банк")): key("альфа_банк"),
    (key("плей"), key("маркет")): key("play_market"),
    (key("плей"), key("маркета")): key("play_market"),
    (key("плей"), key("маркете")): key("play_market"),
    (key("play"), key("market")): key("play_market"),
    (key("гугл"), key("плей")): key("google_play"),
    (key("google"), key("play")): key("google_play"),
    (key("app"), key("store")): key("app_store"),
    (key("эпл"), key("айди")): key("apple_id"),
    (key("умная"), key("лампочка")): key("smart_bulb"),
    (key("умную"), key("лампочку")): key("smart_bulb"),
    (key("умной"), key("лампочкой")): key("smart_bulb"),
    (key("smart"), key("bulb")): key("smart_bulb"),
    (key("гугл"), key("фото")): key("гугл_фото"), (key("google"), key("photos")): key("гугл_фото"),
    (key("google"), key("фото")): key("гугл_фото"),
    (key("дверной"), key("звонок")): key("doorbell"), (key("детские"), key("часы")): key("smart_watch"),
    (key("детских"), key("часах")): key("smart_watch"), (key("google"), key("home")): key("google_home"),
    (key("тв"), key("приставка")): key("тв_приставка"), (key("tv"), key("box")): key("тв_приставка"),
    (key("станция"), key("лайт")): key("smart_speaker"), (key("станция"), key("мини")): key("smart_speaker"),
    (key("станция"), key("макс")): key("smart_speaker"), (key("станция"), key("миди")): key("smart_speaker"),
    (key("станция"), key("дуо")): key("smart_speaker"), (key("станцию"), key("мини")): key("smart_speaker"),
    (key("станцию"), key("лайт")): key("smart_speaker"), (key("станцию"), key("макс")): key("smart_speaker"), (key("тв"), key("приставку")): key("тв_приставка"),
    (key("тик"), key("ток")): key("tiktok"), (key("tik"), key("tok")): key("tiktok"),
    (key("для"), key("себя")): key("для_себя"), (key("for"), key("myself")): key("for_myself"),
    (key("meeting"), key("room")): key("meeting_room"),
    (key("conference"), key("room")): key("meeting_room"),
}


# Brands named in two words ("яндекс еда", "mir pay", "т банк", "фитнес браслет"): the first
# word and the next are also seen as one key "first_next", so a pattern names the pair.
_BRAND_HEADS = frozenset(key(w) for w in (
    "яндекс yandex сбер почта мир mir apple эпл эппл google гугл samsung ozon озон epic эпик "
    "ok ок delivery бургер магнит dash head android андроид car фитнес смарт smart mi ми "
    "galaxy робот киви т t baby nanny pet dog cat air blood hearing fitness радио смарт "
    "электронная электронной электронную зубная зубной зубную"
).split())


def join_phrases(ks: Sequence[str]) -> list[str]:
    """The keys plus joined two-word phrases the patterns refer to ("у меня")."""
    out = list(ks)
    heads = _BRAND_HEADS
    for a, b in zip(ks, ks[1:], strict=False):
        joined = _PAIR_KEYS.get((a, b))
        if joined:
            out.append(joined)
        if a in heads:
            out.append(a + "_" + b)
    return out


# --- requests that have nothing to do with the integrator --------------------------------

_ERRAND_VERB = Words(
    "закажите закажи заказать закажем order забронируй* заброниров* забронир* book купите "
    "купи купить buy вызовите вызови вызвать call найдите найди find запишите запиши "
    "zakazhite zabroniruite kupite"
)
_ERRAND_OBJECT = Words(
    "пицц* pizza* pitstsu pitsu суши sushi ролл роллы роллов rolls обед обеды lunch еду еда "
    "food такси taxi cab билет* ticket* bilet* flight* самолет* поезд* отель* гостиниц* hotel* "
    "столик* table ресторан* restaurant* продукт* groceries воду water кофе coffee цветы "
    "flowers парикмахер* стоматолог* dentist* врач* doctor*"
)
# How an errand is asked for: with one of these it is off topic, without it merely chatter.
ERRAND_REQUEST = Words(
    "закаж* заказать забронир* заброн* купит* купи вызов* найдит* найди подберит* подбер* "
    "посоветуйт* посоветуй порекоменд* подскажит* помогит* помоги помож* организуйт* "
    "напишит* напиши переведит* переведи отвезит* оплатит* сделайт* запишит* можете "
    "можешь could can please pls recommend* find book order buy help write translate "
    "call get tell what's whats какая какой какие скажите"
)
_OFF_TOPIC_ALONE = Words(
    "декларац* 3ндфл ндфл tax вычет* резюме курсовую курсовая диплом рецепт рецепта рецепты "
    "рецептом рецептов рецептик* recipe recipes "
    "гороскоп* horoscope* анекдот*"
)
# "Погода кошмар" is small talk; "какая погода завтра в Казани?" asks an errand.
_WEATHER = Words("погод* weather")
# "Прогноз" is the weather's only with rain or snow near it: "прогноз продаж" is the business's.
_FORECAST = Words("прогноз* forecast*")
_WEATHER_WORDS = Words("дожд* снег* snow rain* температур* градус* мороз* жар* солнц* sunny")


# People who serve a person, not a company's IT: recommending one is an errand.
_SERVICE_PERSON = Words(
    "стоматолог* врач* доктор* dentist* doctor* clinic* клиник* парикмахер* барбер* "
    "hairdresser* barber* нотариус* notary сантехник* plumber* репетитор* tutor* няня няню "
    "nanny ветеринар* vet массаж* massage* маникюр* риелтор* риэлтор* realtor*"
)


# Something to build or price: "бот для заказа воды" is new work, not an errand for water.
_BOT_OR_ESTIMATE = Words("бот бота боту ботом боты bot bots chatbot* чатбот* estimate* смету смета смете")


# A record, a button or a scan in a system: the service person is then the client's trade.
_IN_A_SYSTEM = Words(
    "карточк* kartochk* record* кнопк* knopk* button* скан* scan* систем* system* программ* "
    "program* приложени* app поле поля field* запис* истори* history анкет* form*",
    ia_forms=True,
)


def is_off_topic(ks: Sequence[str], question: bool = True) -> bool:
    """An errand for the integrator that is not IT work at all (food, travel, taxes, a
    dentist recommended, the weather asked about)."""
    if _BUSINESS.any(ks) or _BOT_OR_ESTIMATE.any(ks):
        return False
    return (
        all_of(ks, _ERRAND_VERB, _ERRAND_OBJECT) or _OFF_TOPIC_ALONE.any(ks)
        # "Посоветуйте стоматолога" is an errand; "attach a scan to the vet record" is the
        # vet clinic's own system.
        or (all_of(ks, ERRAND_REQUEST, _SERVICE_PERSON) and not _IN_A_SYSTEM.any(ks))
        or (
            (_WEATHER.any(ks) or all_of(ks, _FORECAST, _WEATHER_WORDS))
            and (question or ERRAND_REQUEST.any(ks))
        )
    )


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


# Chat membership news: someone was added, joined, left or is introduced. Said, not asked.
_MEMBERSHIP_VERB = Words(
    "добавил добавила добавили добавлен добавлена added joined присоединил* присоединилась "
    "вступил* покинул* вышел вышла удалил удалила убрал убрала убрали исключил* left "
    "removed kicked"
)
_CHAT = Words("чат чата чате чату чатик* chat группу группе группы group беседу беседе канал")
_INTRODUCTION = Words(
    "знакомьтесь знакомтесь познакомьтесь знакомимся приветствуем встречайте представляю "
    "представляем представить представлю meet welcome поприветствуйте"
)


# What turns a message into a request: an imperative, a need, a plea. News and jokes have none.
_REQUEST = Words(
    "помогите помоги помогите-ка подскажите подскажи посмотрите посмотри гляньте глянь "
    "проверьте проверь настройте настрой подключите подключи дайте дай выдайте выдай "
    "добавьте создайте сделайте сделай почините почини исправьте откройте заведите "
    "нужн* нужен надо прошу просьба можете можешь можно сможете расскажите расскажи "
    "пришлите скиньте please pls plz can could need needs help fix check give grant add "
    "create make setup set"
)
_NEW = Words("нов* new")
_SERIOUS = Words("серьезн* serious* seriously")
# Phrases of a newcomer or a stand-in, matched on the raw words.
_INTRO_PHRASES = (
    ("меня", "зовут"), ("зовут", "меня"), ("my", "name", "is"), ("буду", "с", "вами"),
    ("теперь", "с", "вами"), ("теперь", "с", "нами"), ("теперь", "в", "чате"),
    ("теперь", "в", "группе"), ("буду", "вместо"), ("будет", "вместо"), ("вместо", "нее"),
    ("вместо", "него"), ("на", "замену"), ("happy", "to", "join"), ("glad", "to", "join"),
    ("happy", "to", "be", "here"), ("рада", "присоединиться"), ("рад", "присоединиться"),
    ("буду", "на", "связи", "вместо"), ("will", "be", "covering"), ("taking", "over"),
    ("работаю", "у", "вас"), ("теперь", "работаю"), ("вышла", "на", "работу"),
    ("вышел", "на", "работу"), ("снова", "с", "нами"), ("i", "just", "joined"),
    ("i", "have", "joined"), ("вышла", "из", "декрета"), ("вышла", "из", "отпуска"),
)
_INTRO_INDEX = _by_first_word(_INTRO_PHRASES)
_INTRO_WORDS = frozenset({
    "замещаю", "заменяю", "замещать", "присоединилась", "присоединился", "присоединяюсь",
    "joined", "joining", "join", "onboard", "onboarded",
})
_LAUGH = Words(
    "хаха* ахах* хехе* хихи* гыгы гыгыгы лол lol lmao rofl ржу ржака ржач* смешн* funny "
    "kidding смеш* угар*"
)
_JOKE = Words("анекдот* шутк* шучу шутить шутя joke* joking прикол* юмор* humor* humour*")
_LAUGH_SIGNS = ("😂", "🤣", "😆", "😅", "😁", "😄", ")))")


_ROLE = Words(
    "сотрудник* сотрудниц* коллег* менеджер* manager* продажник* бухгалтер* accountant* "
    "главбух* логист* юрист* маркетолог* кладовщик* снабженц* закупщик* секретар* "
    "помощник* ассистент* assistant* руководител* директор* director* head специалист* "
    "оператор* админ* hr кадровик* экономист* аналитик* разработчик* developer* colleague* "
    "главврач* врач* доктор* doctor* медсестр* nurse* прораб* foreman* мастер* технолог* "
    "диспетчер* dispatcher* водител* driver* учител* teacher* преподавател* куратор* "
    "методист* закройщик* продавец* продавц* консультант* кассир* заведующ* рекрутер* "
    "recruiter* агент* риелтор* риэлтор* курьер* кладовщик* пекар* повар* официант* бариста* "
    "ветеринар* стилист* косметолог* администратор*"
)
_HERE = frozenset({"чате", "чат", "группе", "чатике", "нами", "вами", "chat", "us"})


_GREETING_VERBS = frozenset({"встречайте", "поприветствуйте", "приветствуйте", "любите",
                             "жалуйте", "знакомьтесь", "познакомьтесь"})


def _imperative(raw: Sequence[str]) -> bool:
    """A Russian imperative ("прослушайте", "проведите"), other than "meet our new colleague"."""
    return any(
        w.endswith(("йте", "ите", "ьте")) and w not in _GREETING_VERBS and len(w) > 4
        for w in raw
    )


def _is_new(word: str) -> bool:
    return word.startswith("нов") or word == "new"


_NEW_PERSON = frozenset({"новый", "новая", "новенький", "новенькая", "new"})
# The ninth round: "я новый администратор, как в битриксе отметить ...": a newcomer asking how
# to do something in a system asks a question, whatever the introduction.
_HOW = frozenset({"как", "каким", "где", "куда", "how", "where"})


def _asks_how_to(raw: Sequence[str]) -> bool:
    """"как ... отметить", "how do I ...", "где ... посмотреть": a how-to with its action."""
    for i, w in enumerate(raw):
        if w in _HOW and any(
            x.endswith(("ть", "ти", "чь", "ться")) or x in ("to", "do", "i", "can")
            for x in raw[i + 1 : i + 6]
        ):
            return True
    return False


def _self_introduction(raw: Sequence[str]) -> bool:
    """"Я Ольга, новый менеджер", "меня зовут Денис", "I'm Tom, the new...", "буду с вами"."""
    if any(w in _INTRO_WORDS for w in raw) or _has_phrase(raw, _INTRO_INDEX):
        return True
    negated = "не" in raw or "not" in raw
    for i, w in enumerate(raw):
        # "теперь тоже в чате", "теперь с нами", "now with us"
        if w in ("теперь", "now") and any(x in _HERE for x in raw[i + 1 : i + 5]):
            return True
        # "я Ольга, новый менеджер", "I'm the new accountant"; "я каждый раз новую создаю"
        # makes a new thing, it introduces nobody.
        if w in ("я", "i") and any(x in _NEW_PERSON for x in raw[i + 1 : i + 6]):
            return True
        # "это Вадим, наш новый продажник", "our new accountant": a person, not a new tool.
        if (
            not negated and _is_new(w) and i + 1 < len(raw) and _ROLE.matches(key(raw[i + 1]))
            and any(x in ("наш", "наша", "our", "это", "this") for x in raw[max(0, i - 3) : i])
        ):
            return True
    return False


def is_membership_news(
    ks: Sequence[str], question: bool = False, raw: Sequence[str] = ()
) -> bool:
    """"Добавила в чат нашего нового бухгалтера", "Знакомьтесь, Сергей", "Я Ольга, новый
    менеджер, теперь буду с вами": news about people in the chat, not a request."""
    if raw and _has_phrase(raw, _WELCOME_INDEX):
        # "прошу любить и жаловать" greets a person; its "прошу" asks for nothing
        raw = _drop_phrases(raw, _WELCOME_INDEX)
        ks = [key(w) for w in raw]
        if _NEW.any(ks) or _COLLEAGUE.any(ks) or _ROLE.any(ks):
            return not (question or _REQUEST.any(ks) or _imperative(raw))
    if question or len(ks) > 30 or _REQUEST.any(ks) or _imperative(raw) or _asks_how_to(raw):
        return False
    news = all_of(ks, _MEMBERSHIP_VERB, _CHAT) or _INTRODUCTION.any(ks[:3]) or (
        _INTRODUCTION.any(ks) and (_CHAT.any(ks) or _NEW.any(ks) or _COLLEAGUE.any(ks))
    ) or _self_introduction(raw) or _newcomer_set_up(ks, raw)
    if not news:
        return False
    # "Удалила Кирилла из чата, он больше не работает": a person left, nothing is broken.
    rest = _drop_phrases(raw, _DEPARTURE_INDEX) if raw else ks
    return "problem" not in cue_names([key(w) for w in rest] if raw else ks)


# "Доступ ей уже выдали", "we've already set up his account": the work is done and told.
_ALREADY = frozenset({"уже", "already"})
_DONE = Words(
    "выдали выдал выдала дали дал дала создали создал создала завели завел завела "
    "настроили настроил настроила подключили подключил подключила добавили добавил добавила "
    "открыли открыл открыла given granted created set added configured connected"
)


def _newcomer_set_up(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """A new colleague announced whose access or account is already done."""
    return bool(
        _ALREADY & set(raw) and _DONE.any(ks) and (_NEW.any(ks) or _INTRO_WORDS & set(raw))
        and (_ROLE.any(ks) or _COLLEAGUE.any(ks))
        and not (_BUT & set(raw) or _NOT_WORDS & set(raw))  # "...но он не может войти"
    )


_WELCOME_PHRASES = (
    ("прошу", "любить", "и", "жаловать"), ("любить", "и", "жаловать"),
    ("please", "welcome"),
)
_WELCOME_INDEX = _by_first_word(_WELCOME_PHRASES)
_DEPARTURE_PHRASES = (
    ("больше", "не", "работает"), ("уже", "не", "работает"), ("больше", "не", "работают"),
    ("не", "работает", "у", "нас"), ("не", "работает", "с", "нами"), ("больше", "не", "с", "нами"),
    ("no", "longer", "works"), ("no", "longer", "with", "us"), ("left", "the", "company"),
)
_DEPARTURE_INDEX = _by_first_word(_DEPARTURE_PHRASES)


def _drop_phrases(
    raw: Sequence[str], phrases: dict[str, tuple[tuple[str, ...], ...]]
) -> list[str]:
    """The raw words without any occurrence of the phrases."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        for phrase in phrases.get(raw[i], ()):
            if tuple(raw[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(raw[i])
            i += 1
    return out


_COLLEAGUE = Words("сотрудник* коллег* colleague* teammate* бухгалтер* менеджер* manager*")


def _first(group: Words, ks: Sequence[str]) -> int:
    """Index of the first word of the group (len(ks) when none)."""
    return next((i for i, k in enumerate(ks) if group.matches(k)), len(ks))


def is_joke(ks: Sequence[str], raw_text: str = "") -> bool:
    """A joke or a laugh shared in the chat ("анекдот дня: ...", "хаха, битрикс как всегда").

    Asked for ("расскажите анекдот") it is an errand; "а если серьёзно, ..." turns it into
    a request; a laugh about a malfunction is still a complaint."""
    if not ks or len(ks) > 40 or _SERIOUS.any(ks):
        return False
    if _JOKE.any(ks[:3]) and not _REQUEST.any(ks[: _first(_JOKE, ks)]):
        return True  # "Шутка: сколько нужно менеджеров..." - the joke may quote a request
    if _REQUEST.any(ks):
        return False
    if _JOKE.any(ks):
        return True
    laughing = _LAUGH.any(ks) or any(sign in raw_text for sign in _LAUGH_SIGNS)
    question = "?" in raw_text
    return laughing and not question and "problem" not in cue_names(ks)


def is_chatter(ks: Sequence[str]) -> bool:
    """A short message made only of greetings, thanks, acknowledgements and reactions."""
    return 0 < len(ks) <= 8 and all(CHATTER.matches(k) for k in ks)


_THANKS = Words("спасиб* spasib* спс благодар* thanks thank thx cheers")
_TESTING = Words("тест test testing тестовое тестирую проверяю проверка")
# "Спасибо, но ...", "thanks, however ...": the thanks leads to a request after all.
_BUT = frozenset({"но", "однако", "только", "but", "however", "still", "еще", "ещё"})


_CLOSE_IT_INDEX = _by_first_word((
    ("можно", "закрывать"), ("можно", "закрыть"), ("можете", "закрывать"),
    ("можете", "закрыть"), ("закрывайте",), ("закрывай",), ("можно", "закрывать", "заявку"),
    ("can", "close", "it"), ("can", "close"), ("close", "it"), ("close", "the", "ticket"),
    ("feel", "free", "to", "close"),
))


def is_thanks_or_test(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """"Всем спасибо за работу в этом году!", "просто проверяю, работает ли чат": gratitude
    or a test message, with no request, no question and nothing broken."""
    if question or not ks or len(ks) > 15 or _BUT & set(raw):
        return False
    if raw and _has_phrase(raw, _CLOSE_IT_INDEX) and _THANKS.any(ks[:3]):
        # "спасибо, всё работает, можно закрывать": the ticket let go, nothing asked
        raw = _drop_phrases(raw, _CLOSE_IT_INDEX)
        ks = [key(w) for w in raw]
    if _REQUEST.any(ks) or _imperative(raw) or "problem" in cue_names(ks):
        return False
    if _THANKS.any(ks[:3]):
        return True
    return len(ks) <= 8 and _TESTING.any(ks[:2])


# The eighth round: praise that names what was fixed and asks nothing ("класс, звонки теперь
# пишутся", "thanks for the quick fix, leads are coming in again", "вы лучшие, отчёт то что
# надо"). "Thanks, and also ..." with a request is not.
_PRAISE = frozenset({
    "класс", "классно", "супер", "отлично", "отличненько", "круто", "огонь", "шикарно", "бомба",
    "молодцы", "лучшие", "умнички", "спасибо", "спасибки", "благодарю", "браво", "ура", "ураа",
    "great", "awesome", "perfect", "amazing", "brilliant", "excellent", "nice", "cool", "wow",
    "thanks", "thank", "kudos", "bravo", "best", "rock", "legends", "superb", "fantastic",
})
_ALSO = frozenset({"также", "тоже", "заодно", "кроме", "also", "too", "except", "apart",
                   "besides", "plus", "ещё", "еще", "остался", "осталось", "осталась"})
# A request word used as a noun: "the quick fix", "за помощь", "то, что надо было".
_NOUN_BEFORE = frozenset(key(w) for w in (
    "the", "a", "your", "quick", "fast", "speedy", "for", "за", "что", "that", "this",
))


def is_praise(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """Praise or thanks for what was done, with nothing asked, nothing broken, no "but" and
    no "also"."""
    if question or not ks or len(ks) > 20 or not (_PRAISE & set(raw[:4])):
        return False
    if (_BUT | _ALSO) & set(raw) or _imperative(raw) or _WANT.any(ks):
        return False
    if any(
        _REQUEST.matches(k) and not (i and ks[i - 1] in _NOUN_BEFORE) for i, k in enumerate(ks)
    ):
        return False
    return not ({"problem", "howto"} & set(cue_names(ks)))


# --- office life: announcements and small talk between colleagues ------------------------

# Meetings, days off, the office closed, someone working from home or on leave: said to the
# colleagues in the chat, not asked of the integrator.
_OFFICE_EVENT = Words(
    "собрани* планерк* совещани* пятиминутк* летучк* корпоратив* тимбилдинг* субботник* "
    "праздник* праздничн* выходн* нерабоч* санитарн* сокращенн* предпраздничн* отпуск* "
    "больничн* удаленк* удаленно удалённо remote офис office закрыт закрыта закрыто closed "
    "holiday* vacation* all-hands standup мероприяти* event* выставк* exhibition* "
    "конференц* conference* форум* тимбилдинг* teambuilding",
    ia_forms=True,
)
_WHEN = Words(
    "сегодня завтра послезавтра today tomorrow понедельник* вторник* среда среду среды "
    "четверг* пятниц* суббот* воскресень* monday* tuesday* wednesday* thursday* friday* "
    "saturday* sunday* неделе недели неделю week утром вечером обеда числа января февраля "
    "марта апреля мая июня июля августа сентября октября ноября декабря"
)
_PRESENCE_PHRASES = (
    ("работаю", "из", "дома"), ("работаем", "из", "дома"), ("работаю", "удаленно"),
    ("работаю", "удаленка"), ("на", "удаленке"), ("на", "удаленку"), ("в", "отпуске"),
    ("в", "отпуск"), ("на", "больничном"), ("на", "больничный"), ("заболел",), ("заболела",),
    ("меня", "не", "будет"), ("не", "будет", "в", "офисе"), ("буду", "после"),
    ("офис", "не", "работает"), ("офис", "закрыт"), ("офис", "будет", "закрыт"),
    ("мы", "не", "работаем"), ("не", "работаем"), ("опоздаю",), ("задержусь",),
    ("working", "from", "home"), ("work", "from", "home"), ("out", "of", "office"),
    ("on", "vacation"), ("on", "sick", "leave"), ("off", "sick"), ("day", "off"),
    ("office", "is", "closed"), ("office", "will", "be", "closed"), ("running", "late"),
    ("out", "for", "lunch"), ("back", "at"), ("back", "in"), ("на", "обеде"), ("на", "обед"),
    ("ушел", "на"), ("ушла", "на"), ("в", "декрете"), ("в", "декрет"), ("maternity", "leave"),
    ("на", "совещании"), ("на", "встрече"), ("недоступен",), ("недоступна",), ("перезвоню",),
    ("in", "a", "meeting"), ("буду", "недоступна"), ("буду", "недоступен"),
    ("из", "дома", "работаю"), ("из", "дома", "работаем"), ("удаленно", "работаю"),
    ("сегодня", "на", "удаленке"), ("на", "связи", "в"),
)
_PRESENCE_INDEX = _by_first_word(_PRESENCE_PHRASES)
# "Офис не работает" is a closed office, not a malfunction.
_CLOSED_PHRASES = (
    ("офис", "не", "работает"), ("мы", "не", "работаем"), ("не", "работаем"),
    ("не", "будет"), ("не", "буду"), ("не", "опаздывайте"), ("не", "забудьте"),
    ("не", "опаздываем"), ("не", "опаздывать"), ("не", "забываем"),
)
_CLOSED_INDEX = _by_first_word(_CLOSED_PHRASES)
_NOT_WORDS = frozenset({"не", "нет", "not", "cannot", "can't", "won't", "doesn't", "isn't"})
# Imperatives that only say how to reach the speaker or not to be late.
_CONTACT_VERBS = frozenset({
    "звоните", "пишите", "обращайтесь", "набирайте", "приходите", "подходите",
    "опаздывайте", "присоединяйтесь",
})


_ASKING = frozenset({"как", "где", "куда", "почему", "зачем", "how", "where", "why", "what"})


_PLACE = Words(
    "офис* ofis* office лаборатор* магазин* склад* филиал* салон* мойк* клиник* центр* "
    "точк* хостел* аптек* студи* шиномонтаж* branch* shop* store* warehouse* lab clinic*"
)
_CLOSED_WORDS = frozenset({"закрыт", "закрыта", "закрыто", "закрыты", "closed", "shut"})
_NOT_WORKING = (["не", "работает"], ["не", "работают"], ["is", "closed"], ["will", "be", "closed"])


def _place_closed(raw: Sequence[str]) -> list[str] | None:
    """The words around "<a place> не работает / закрыт", or None when no place is closed."""
    for i, w in enumerate(raw):
        if not _PLACE.matches(key(w)):
            continue
        if raw[i + 1 : i + 2] and raw[i + 1] in _CLOSED_WORDS:
            return list(raw[:i]) + list(raw[i + 2 :])
        for phrase in _NOT_WORKING:
            if list(raw[i + 1 : i + 1 + len(phrase)]) == phrase:
                return list(raw[:i]) + list(raw[i + 1 + len(phrase) :])
    return None


def is_office_news(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """"В пятницу общее собрание в 16:00", "завтра офис не работает", "сегодня работаю из
    дома, звоните на мобильный": news for the colleagues, no request to the integrator."""
    if question or not ks or len(ks) > 30 or (raw and raw[0] in _ASKING):
        return False  # "как в ЗУП начислить отпускные уходящей сотруднице" asks after all
    if _is_attendance_call(ks, raw):
        return True
    if _REQUEST.any(ks):
        return False
    timed = _WHEN.any(ks) or any(k.isdigit() for k in ks)
    # "Тимбилдинг в субботу, берите форму", "кто едет на выставку, напишите мне до четверга":
    # what colleagues are told to bring or answer about an event names no system at all.
    event = _EVENT.any(ks) and timed and not all_of(ks, _ERRAND_VERB, _ERRAND_OBJECT)
    if not event and any(
        w.endswith(("йте", "ите", "ьте")) and len(w) > 4 and w not in _CONTACT_VERBS
        and w not in _GREETING_VERBS for w in raw
    ):
        return False
    if _BUSINESS.any(ks) or _WORK_SYSTEM.any(k for k in ks if not _PEOPLE.matches(k)):
        return False
    if timed and not (_DEVICE.any(ks) or _NET.any(ks)):
        # "Завтра лаборатория не работает, санитарный день", "the warehouse is closed on
        # Monday": a place of the company closed on a day is news, not a breakdown.
        closed = _place_closed(raw)
        if closed is not None and "problem" not in cue_names([key(w) for w in closed]) and not (
            _NOT_WORDS & set(closed)
        ):
            return True
    rest = _drop_phrases(raw, _CLOSED_INDEX)
    if "problem" in cue_names([key(w) for w in rest]) or _NOT_WORDS & set(rest):
        return False  # "в отпуске телефон не ловит": something does not work after all
    return (_OFFICE_EVENT.any(ks) and timed) or _has_phrase(raw, _PRESENCE_INDEX)


_EVENT = Words(
    "собрани* планерк* совещани* корпоратив* тимбилдинг* teambuilding субботник* праздник* "
    "мероприяти* event* выставк* exhibition* конференц* conference* форум*",
    ia_forms=True,
)
# Staff named in office news ("мероприятие для сотрудников перенесли") are not a system.
_PEOPLE = Words("менеджер* manager* сотрудник* employee* клиент* client*")


# A training, meeting or webinar announced to the staff with a call to come: its subject may be
# the CRM ("тренинг по записи в Б24"), but it asks nothing of the integrator.
_GATHERING = Words(
    "собрани* планерк* совещани* пятиминутк* летучк* тренинг* training* семинар* seminar* "
    "вебинар* webinar* обучени* лекци* lecture* мастер-класс* workshop* meeting* meetup* "
    "созвон* call standup all-hands briefing* брифинг* инструктаж*",
    ia_forms=True,
)
_ATTENDANCE_PHRASES = (
    ("всем", "быть"), ("прошу", "быть"), ("прошу", "всех", "быть"), ("быть", "всем"),
    ("быть", "обязательно"), ("обязательно", "быть"), ("явка", "обязательна"),
    ("присутствие", "обязательно"), ("всем", "прийти"), ("всем", "присутствовать"),
    ("ждем", "всех"), ("всех", "ждем"), ("прошу", "прийти"), ("прошу", "присутствовать"),
    ("не", "опаздывайте"), ("не", "опаздываем"), ("attendance", "is", "mandatory"), ("everyone", "must", "attend"),
    ("all", "must", "attend"), ("please", "attend"), ("please", "join"), ("please", "be", "there"),
    ("be", "there"), ("don't", "be", "late"), ("see", "you", "all"), ("everyone", "is", "expected"),
)
_ATTENDANCE_INDEX = _by_first_word(_ATTENDANCE_PHRASES)


def _is_attendance_call(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """"Завтра в 11 тренинг по записи в Б24, всем быть": a gathering, a time, a call to come."""
    timed = _WHEN.any(ks) or any(k.isdigit() for k in ks)
    return (
        _GATHERING.any(ks) and timed and _has_phrase(raw, _ATTENDANCE_INDEX)
        and "problem" not in cue_names(ks)
    )


# "Извините, не туда написала": a message sent to the wrong chat asks nothing.
_WRONG_CHAT_PHRASES = (
    ("не", "туда"), ("не", "в", "тот", "чат"), ("не", "в", "ту", "группу"), ("не", "тот", "чат"),
    ("ошиблась", "чатом"), ("ошибся", "чатом"), ("wrong", "chat"), ("wrong", "group"),
    ("wrong", "thread"), ("sorry", "wrong"),
)
_WRONG_CHAT_INDEX = _by_first_word(_WRONG_CHAT_PHRASES)


def is_wrong_chat(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """A short apology for writing in the wrong chat."""
    return 0 < len(ks) <= 8 and _has_phrase(raw, _WRONG_CHAT_INDEX) and not _REQUEST.any(ks)


# Holidays, birthdays, wins and praise shared with the chat: "всех с Новым годом!", "ура,
# запустились", "вы супер".
_CELEBRATION_PHRASES = (
    ("с", "новым", "годом"), ("с", "наступающим"), ("с", "праздником"), ("с", "праздниками"),
    ("с", "днем", "рождения"), ("с", "др"), ("с", "рождеством"), ("с", "8", "марта"),
    ("с", "23", "февраля"), ("с", "днем"), ("с", "юбилеем"), ("с", "пятницей"),
    ("happy", "new", "year"), ("merry", "christmas"), ("happy", "holidays"),
    ("happy", "birthday"), ("happy", "friday"), ("happy", "easter"), ("season's", "greetings"),
    # praise for the team: "вы супер", "давно бы так", "great job"
    ("вы", "супер"), ("вы", "лучшие"), ("вы", "молодцы"), ("вы", "огонь"), ("давно", "бы", "так"),
    ("отличная", "работа"), ("так", "держать"), ("you", "rock"), ("you", "are", "the", "best"),
    ("you're", "the", "best"), ("great", "job"), ("well", "done"), ("nice", "work"),
)
_CELEBRATION_INDEX = _by_first_word(_CELEBRATION_PHRASES)
_CHEER = frozenset({
    "ура", "урааа", "урра", "уррра", "ураа", "ураааа", "hooray", "yay", "woohoo", "hurray",
    "поздравляю", "поздравляем", "congrats", "congratulations",
})


def is_celebration(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """Greetings for a holiday and cheers over a success: nothing asked, nothing broken
    ("без единой ошибки" is praise, not an error)."""
    if question or not ks or len(ks) > 30:
        return False
    if not (_has_phrase(raw, _CELEBRATION_INDEX) or (raw and raw[0] in _CHEER)):
        return False
    if _REQUEST.any(ks) or _imperative(raw) or _BUT & set(raw):
        return False
    rest = _drop_phrases(raw, _NO_ERRORS_INDEX)
    return "problem" not in cue_names([key(w) for w in rest])


_NO_ERRORS_PHRASES = (
    ("без", "ошибок"), ("без", "ошибки"), ("без", "единой", "ошибки"), ("без", "сбоев"),
    ("без", "единого", "сбоя"), ("без", "глюков"), ("ни", "одной", "ошибки"),
    ("without", "errors"), ("without", "a", "single", "error"), ("no", "errors"),
    ("zero", "errors"), ("without", "a", "hitch"),
)
_NO_ERRORS_INDEX = _by_first_word(_NO_ERRORS_PHRASES)


_ASKING_AROUND = frozenset({"кто", "who", "чей", "чья", "чье", "чьи", "anyone", "anybody"})
# Food, the reception, the kitchen, parking, a cake: what colleagues ask one another.
_OFFICE_LIFE = Words(
    "ресепшен* ресепшн* reception переговорк* кухн* kitchen кофемашин* кулер* торт* cake cakes парковк* "
    "parking пропуск пропуска пропуском обед обеда обеду обедом обеде обедать обедаем lunch ужин* dinner футбол* football хоккей* кондиционер* "
    "зонт* umbrella* зарядк* charger* очки glasses кружк* mug* печеньк* cookies свет света "
    "светом lights холодильник* fridge"
)


# Announcements of a webinar or a training for whoever wants it: news, not a request.
_TRAINING_EVENT = Words(
    "вебинар* vebinar* webinar* семинар* seminar* тренинг* trening* training* митап* "
    "meetup* конференци* conference* мастер-класс* воркшоп* workshop*",
    ia_forms=True,
)
_WHO_WANTS_PHRASES = (
    ("кому", "интересно"), ("кому", "надо"), ("кому", "нужно"), ("кто", "хочет"),
    ("если", "кому"), ("anyone", "interested"), ("who", "wants"), ("if", "interested"),
)
_WHO_WANTS_INDEX = _by_first_word(_WHO_WANTS_PHRASES)
_LINK = Words("ссылк* ssylk* link* регистрац* registr* запис* signup")
# "Кто брал мою зарядку?": a personal thing gone from the desk, asked of the room.
_WHO_TOOK_PHRASES = (
    ("кто", "брал"), ("кто", "взял"), ("кто", "забрал"), ("кто", "унес"), ("кто", "утащил"),
    ("who", "took"), ("who", "borrowed"), ("who", "has"),
)
_WHO_TOOK_INDEX = _by_first_word(_WHO_TOOK_PHRASES)
_MY_RAW = frozenset({"мою", "мой", "мое", "мои", "моих", "my"})
# "На улице снег", "жара такая": the weather remarked on, nothing asked.
_OUTSIDE_PHRASES = (("на", "улице"), ("за", "окном"), ("outside",))
_OUTSIDE_INDEX = _by_first_word(_OUTSIDE_PHRASES)


def is_remark(ks: Sequence[str], raw: Sequence[str], question: bool) -> bool:
    """Said to the room, not asked of the integrator: an event for whoever wants it, the
    weather outside, who took someone's charger."""
    if "problem" in cue_names(ks) and not _WEATHER_WORDS.any(ks):
        return False
    if _TRAINING_EVENT.any(ks) and (_has_phrase(raw, _WHO_WANTS_INDEX) or (
        _LINK.any(ks) and not question
    )):
        return True
    if _has_phrase(raw, _WHO_TOOK_INDEX) and _MY_RAW & set(raw) and not (
        _WORK_SYSTEM.any(ks) or _BUSINESS.any(ks)
    ):
        return True
    return (
        not question and (_WEATHER_WORDS.any(ks) or _WEATHER.any(ks))
        and (_has_phrase(raw, _OUTSIDE_INDEX) or _WEATHER.any(ks))
        and not (ERRAND_REQUEST.any(ks) or "howto" in cue_names(ks))
    )


def is_colleague_small_talk(
    ks: Sequence[str], raw: Sequence[str], question: bool = False
) -> bool:
    """"А кто заказывал пиццу на ресепшен?", "кто-нибудь идёт на обед": colleagues talking
    about office life. An errand asked of the integrator is off topic instead."""
    if not ks or len(ks) > 25 or not (
        _ERRAND_OBJECT.any(ks) or _OFFICE_LIFE.any(ks) or _courier_at_the_door(ks, raw)
    ):
        return False
    if not (question or (raw and raw[0] == "а") or _ASKING_AROUND & set(raw)):
        return False
    if _REQUEST.any(ks) or ERRAND_REQUEST.any(ks) or _imperative(raw):
        return False
    if _WORK_SYSTEM.any(ks) or _BUSINESS.any(ks) or DOMAIN.any(
        k for k in ks if not (_ORDERING.matches(k) or k in _WORKS)
    ):
        return False
    # The coffee machine or the air conditioning broken is the office's, not the integrator's.
    return "problem" not in cue_names(ks) or _APPLIANCE.any(ks)


# Words an office errand shares with the integrator's subject ("заказ", "meeting room",
# "курьер внизу").
_ORDERING = Words("заказ* закаж* order* meeting* встреч* room курьер* courier* доставк* delivery*")
_COURIER = Words("курьер* kurer* courier* доставщик*")
_AT_THE_DOOR = frozenset({
    "внизу", "приехал", "пришел", "пришла", "ждет", "у", "входа", "проходной", "downstairs",
    "here", "arrived", "waiting", "door", "lobby",
})


def _courier_at_the_door(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """"Курьер внизу, кто заказывал?": a delivery to the office, not a logistics process."""
    return _COURIER.any(ks) and bool(_AT_THE_DOOR & set(raw))


# "Работает" shares its key with "робот" but names no system.
_WORKS = frozenset(key(w) for w in ("работает", "работают", "работал", "работала", "работало"))
_APPLIANCE = Words(
    "кофемашин* coffee кулер* кондиционер* кондей кондер холодильник* fridge микроволнов* "
    "микроволновк* microwave* чайник* kettle* лифт* elevator* lift свет света светом lights "
    "батаре* radiator* отоплени* heating",
    ia_forms=True,
)


# --- audits phrased as "who did ..." --------------------------------------------------------

_WHO = frozenset({"кто", "who", "кем"})
_WHOSE = frozenset({"чьи", "чей", "чья", "чье", "чьих", "whose"})
# "Кто знает / может / идёт ..." asks for help or company, not for an audit.
_NOT_AUDIT = frozenset({
    "нибудь", "то", "по", "должен", "должна", "должны", "думаете", "считаете", "знает", "может", "сможет", "умеет", "подскажет", "поможет", "хочет",
    "будет", "идет", "едет", "пойдет", "поедет", "видел", "видела", "брал", "брала", "knows",
    "know", "can", "could", "wants", "will", "would", "want", "is", "are", "has",
})
_AUDIT_VERB = Words(
    "удалил* удалял* изменил* изменял* поменял* менял* отредактир* редактировал* "
    "исправил* исправлял* поправил* подправил* переназначил* перенес перенесла перенесли переносил* "
    "перевел перевела перевели закрыл* закрывал* создал* создавал* провел провела провели "
    "проводил* распровел* перепровел* перепроводил* отменил* отменял* трогал* передвинул* двигал* перекинул* "
    "отметил* отмечал* отмечает отмечают заполнил* заполнял* заполняет заполняют ответил* "
    "отвечал* перезвонил* перезванивал* перезванивает обработал* "
    "обрабатывает выставил* отгрузил* сменил* списал* вносил* внес внесла внесли поставил* "
    "снял сняла сняли завел завела завели загрузил* выгрузил* отправил* звонит звонил* "
    "заходил* входил* логинил* залогин* "
    "deleted removed changed edited modified moved closed reassigned created missed posted "
    "updated"
)
# The things an audit is about: CRM records and accounting documents.
_AUDIT_OBJECT = Words(
    "визит* реализаци* поступлени* накладн* упд проводк* период* отгрузк* платеж* "
    "приход* расход* остатк* инвентаризац* чек-ин checkin check-in переписк* карточк* "
    "справочник* номенклатур* цен* скидк* статус* этап* стади*",
    ia_forms=True,
)
_AUDITED = Words(
    "сделк* sdelk* deal* лид лиды лидов лидам лидах lead* задач* task* клиент* client* "
    "контакт* contact* заявк* менеджер* manager*"
)
_ACTIVITY = Words(
    "дел дела дело activity activities активност* звонк* звонков calls касани* задач* task* "
    "комментар* comment* движени* запланирован* scheduled",
    ia_forms=True,
)
_ABSENT = Words("нет без не ни without not never")  # not "no": its key is the key of "на"


_WHICH_OF_INDEX = _by_first_word((("у", "кого", "из"),))
_MOST = frozenset({"больше", "меньше", "дольше", "чаще", "реже", "всего", "most", "least"})


# "Где посмотреть, кто менял сумму", "how can I see who edited": how to find it is managerial.
_HOW_TO_FIND = frozenset({"как", "где", "how", "where", "посмотреть", "увидеть", "see", "view"})


def _audit_window(raw: Sequence[str]) -> tuple[int, list[str]] | None:
    """Where "кто"/"who" starts an audit-like clause, and the words that follow it."""
    for i, w in enumerate(raw):
        if w in _WHO:
            if _HOW_TO_FIND & set(raw[:i]):
                return None
            window = list(raw[i + 1 : i + 8])
            if window and window[0] not in _NOT_AUDIT and not (set(window[:3]) & _NOT_AUDIT):
                return i, window
    return None


# The ninth round: the staff's conduct asked about in general. "Кто из админов ставит бронь
# без предоплаты", "which tutors have overdue tasks", "is anyone following up on the quotes":
# who among the people does what, now, whatever the verb.
_WHO_AMONG = frozenset({"кто", "who", "which"})
_ANYONE_PHRASES = (("is", "anyone"), ("is", "anybody"), ("are", "any", "of"), ("is", "somebody"),
                   ("is", "someone"), ("кто-нибудь", "вообще"), ("кто-то", "вообще"))
_ANYONE_INDEX = _by_first_word(_ANYONE_PHRASES)
_SYMPTOM_POLL = frozenset({"else", "having", "seeing", "getting", "experiencing", "trouble",
                           "problem", "problems", "issue", "issues", "error", "errors"})
_STAFF_NOUN = _ROLE | Words(
    "tutor* instructor* trainer* coach* staff rep reps agents employees workers cashiers"
)
_PRESENT_3RD = ("ит", "ет", "ут", "ют", "ат", "ят", "ёт")


def _staff_conduct(raw: Sequence[str]) -> bool:
    for i, w in enumerate(raw):
        if w not in _WHO_AMONG:
            continue
        nxt = raw[i + 1 : i + 4]
        if w == "which" and nxt and _STAFF_NOUN.matches(key(nxt[0])) and nxt[0].endswith("s"):
            return True  # "which tutors have ...", "which managers still ..."
        if w == "кто" and nxt[:1] == ["из"] and len(nxt) >= 3 and _ROLE.matches(key(nxt[1])) and (
            nxt[2].endswith(_PRESENT_3RD) and len(nxt[2]) > 3
        ):
            return True  # "кто из админов ставит ..."
    if _has_phrase(raw, _ANYONE_INDEX) and not _SYMPTOM_POLL & set(raw):
        # "is anyone else having trouble logging in" polls a symptom, it audits nobody
        return any(w.endswith("ing") and len(w) > 5 for w in raw)
    return False


def is_audit_question(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """"Кто удалил сделку?", "кто из менеджеров не отметил визиты", "по каким сделкам нет ни
    одного дела и чьи они": the client asks what their people did or did not do (control).
    A breakage ("кто сломал интеграцию, ничего не работает") is a problem, not an audit."""
    if not ks or len(ks) > 40 or "problem" in cue_names(ks):
        return False
    if _ERRAND_OBJECT.any(ks) or _OFFICE_LIFE.any(ks):
        return False
    found = _audit_window(raw)
    if found is not None:
        _, window = found
        # "кто удалил", "кто из новеньких не ведёт": a deed, or a duty not done
        verb = _AUDIT_VERB.any(key(w) for w in window) or any(
            w in ("не", "not", "didn't", "hasn't") for w in window[:-1]
        )
        among = window[0] in ("из", "of", "from")
        work = DOMAIN.any(ks) or _AUDIT_OBJECT.any(ks)
        if verb and (work or among):
            return True
    if any(w in _WHOSE for w in raw) and _AUDITED.any(ks) and _ABSENT.any(ks):
        return True
    # "У кого из менеджеров сделки без задач", "у кого из мастеров больше всего отмен": the
    # staff compared on their work.
    if _has_phrase(raw, _WHICH_OF_INDEX):
        i = next(i for i, w in enumerate(raw) if w == "из")
        if raw[i + 1 : i + 2] and _ROLE.matches(key(raw[i + 1])) and (
            _ABSENT.any(ks) or _MOST & set(raw) or _AUDIT_VERB.any(ks)
        ):
            return True
    if _staff_conduct(raw):
        return True
    # "По каким сделкам нет дел", "which deals have no scheduled activity"
    which = any(w in ("каким", "каких", "какие", "которых", "which") for w in raw[:6])
    return which and all_of(ks, _AUDITED, _ABSENT, _ACTIVITY)


# --- how to do it in the system vs. how the business should work -------------------------

_STRATEGY = Words(
    "выстро* vystro* построи* организ* organi* подойт* аналитик* analyt* окупаем* "
    "сквозн* процесс* process* перестро* цифр* достоверн* правд* предсказуем* растем "
    "растём вырастет вырастем рост grow* growth быть стратег* strateg* подход* approach* метрик* "
    "metric* kpi kpis развив* развит* масштаб* scale структур* structur* каналы каналов "
    "channel* should стоит_ли worth оптимальн* optimal эффективн* effective* мотивац* "
    "motivat* регламент* policy policies внедрять внедрить методолог*"
)
_STRATEGY_OBJECT = Words(
    "канал* kanal* channel* метрик* metric* kpi kpis показател* подход* approach* "
    "стратег* strateg* этап* стади* stage* воронк* funnel* pipeline* поля полей field* статус* "
    "status* "
    "источник* source*",
    ia_forms=True,
)
_WORTH = Words("стоит stoit лучше luchshe should worth best оптимальн* нужны нужно важн*")
_SMART = frozenset({key("смарт"), key("smart")})
_PROCESS = Words("процесс* process*")


def _without_smart_process(ks: Sequence[str]) -> list[str]:
    """The keys without the "процесс" of "смарт-процесс" (a Bitrix24 entity, not a process)."""
    return [k for i, k in enumerate(ks) if not (i and ks[i - 1] in _SMART and _PROCESS.matches(k))]
_OPINION_PHRASES = (
    ("стоит", "ли"), ("по", "вашему"), ("как", "сделать", "чтобы"), ("как", "сделать", "чтоб"),
    ("как", "сделать", "так"), ("как", "добиться"), ("what", "do", "you", "think"),
    ("should", "we"), ("is", "it", "worth"), ("есть", "смысл"), ("имеет", "ли", "смысл"),
    ("имеет", "смысл"), ("make", "sense"), ("makes", "sense"),
)
_OPINION_INDEX = _by_first_word(_OPINION_PHRASES)


def is_strategy_question(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """"Какие каналы лидов стоит заводить в CRM", "which metrics should we track": a choice
    about how the business works, asked of the integrator's experience. So is an opinion or
    an outcome about how the company works ("как сделать, чтобы цифрам можно было верить")."""
    if _has_phrase(raw, _OUTSIDE_VIEW_INDEX):
        return True  # "нужен ваш взгляд со стороны", even on a fall in the figures
    if "problem" in cue_names(ks):
        return False
    # "Как часто надо пересматривать воронку", "how often should we revisit the stages"
    if _has_phrase(raw, _HOW_OFTEN_INDEX) and _OUGHT.any(ks):
        return True
    which = any(w in ("какие", "какой", "какую", "каких", "каким", "which", "what") for w in raw)
    if which and all_of(ks, _STRATEGY_OBJECT, _WORTH):
        return True
    # "Сколько стадий должно быть в воронке", "how many stages should a funnel have"
    if _HOW_MANY & set(raw) and all_of(ks, _STRATEGY_OBJECT, _OUGHT):
        return True
    # "Как делают другие ваши клиенты", "what is the best practice": experience is asked
    if _has_phrase(raw, _PRACTICE_INDEX):
        return True
    # "Как разделить ответственность между колл-центром и администратором": who owns what
    if _BETWEEN & set(raw) and all_of(ks, _SPLIT, _RESPONSIBILITY):
        return True
    # "На что смотреть при выборе касс", "по каким показателям мерить загрузку": criteria of a
    # choice or a measure of the business are asked, not a build or an operation.
    if _has_phrase(raw, _CRITERIA_INDEX):
        return True
    # "Нужно ли заводить отдельную воронку или это перебор для нас": whether to do it at all.
    if is_worth_it_question(ks, raw):
        return True
    return _has_phrase(raw, _OPINION_INDEX) and _STRATEGY.any(_without_smart_process(ks))


# The ninth round: whether a practice is worth it at all, asked with its doubt.
_SHOULD_WE_INDEX = _by_first_word((
    ("нужно", "ли"), ("надо", "ли"), ("стоит", "ли"), ("имеет", "ли", "смысл"),
    ("есть", "ли", "смысл"), ("do", "we", "need"), ("should", "we"), ("is", "it", "worth"),
    ("does", "it", "make", "sense"),
))
_OVERKILL = Words(
    "перебор* overkill избыточн* излишн* overdo* overengineer* оправдан* justified "
    "рановато premature* смысл* worth"
)
def is_worth_it_question(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """"Нужно ли ..., или это перебор", "is it worth ...": whether to do something at all."""
    return _has_phrase(raw, _SHOULD_WE_INDEX) and _OVERKILL.any(ks)


_HOW_MANY = frozenset({"сколько", "скольки", "many"})
_OUTSIDE_VIEW_INDEX = _by_first_word((
    ("взгляд", "со", "стороны"), ("свежий", "взгляд"), ("ваш", "взгляд"), ("ваше", "мнение"),
    ("outside", "view"), ("outside", "perspective"), ("fresh", "eyes"), ("second", "opinion"),
    ("your", "take", "on"), ("your", "opinion"), ("оценку", "со", "стороны"),
))
_HOW_OFTEN_INDEX = _by_first_word((("как", "часто"), ("how", "often"), ("с", "какой", "периодичностью")))
_OUGHT = Words(
    "должн* должен dolzhn* should стоит нужно надо оптимальн* optimal* ideal* идеальн* норм*"
)
_PRACTICE_PHRASES = (
    ("как", "делают", "другие"), ("как", "это", "делают", "другие"), ("другие", "ваши", "клиенты"),
    ("у", "других", "клиентов"), ("как", "у", "других"), ("как", "принято"),
    ("лучшие", "практики"), ("лучшая", "практика"), ("best", "practice"), ("best", "practices"),
    ("other", "clients"), ("your", "other", "clients"), ("how", "do", "others"),
    ("what", "do", "others"), ("industry", "standard"), ("по", "вашему", "опыту"),
    ("из", "вашего", "опыта"), ("по", "опыту"), ("in", "your", "experience"),
    ("у", "ваших", "клиентов"), ("ваши", "клиенты"), ("такой", "опыт"), ("был", "опыт"),
    ("your", "clients"), ("other", "companies"), ("другие", "компании"),
    ("поделитесь", "опытом"), ("share", "your", "experience"), ("как", "другие"),
    ("how", "other"), ("how", "others"),
)
_PRACTICE_INDEX = _by_first_word(_PRACTICE_PHRASES)
_BETWEEN = frozenset({"между", "between"})
_CRITERIA_PHRASES = (
    ("на", "что", "смотреть"), ("на", "что", "обратить", "внимание"), ("при", "выборе"),
    ("по", "каким", "показателям"), ("по", "каким", "критериям"), ("какими", "метриками"),
    ("в", "долгую"), ("в", "долгосрочной", "перспективе"), ("what", "to", "look", "for"),
    ("which", "criteria"), ("which", "metrics"), ("in", "the", "long", "run"),
    ("long", "term"),
)
_CRITERIA_INDEX = _by_first_word(_CRITERIA_PHRASES)
_SPLIT = Words("раздел* распредел* поделит* split* divid* alloc*")
_RESPONSIBILITY = Words(
    "ответственност* otvetstvennost* responsibilit* обязанност* зон* роли ролей roles "
    "полномоч* ownership"
)
# "Внедрить адресное хранение, какие сроки и бюджет": the price and the dates of a build.
_ESTIMATE = Words(
    "срок* srok* бюджет* budget* стоимост* stoimost* смет* цен* price* estimate* quote* "
    "timeline* deadline*"
)


# --- cue groups fed to the statistical model as extra features ----------------------------

# Each group pools many spellings of one idea into a single strong feature, so the model
# generalises from "не работает" to "не грузится", "отвалилось", "doesn't sync" and so on.
CUES: dict[str, Words] = {
    "problem": Words(
        "ошибк* ошибка oshibk* error* err сломал* слома* broke* broken упал* упала упало "
        "лежит лег легла легло отвал* otval* завис* zavis* висит висят виснет виснут виснит тормоз* tormoz* "
        "глюч* глюк* вылет* crash* fail* падает падают пропал* пропад* не_работает "
        "не_приход* не_проход* не_отправл* не_открыв* не_груз* не_синхрон* не_уход* "
        "не_сохран* не_созда* не_пуска* не_запуск* не_подключ* не_провод* не_выгруж* не_загруж* "
        "не_печата* не_обновл* не_включа* не_включи* not_work* never "
        "doesnt dont isnt didnt wont cant couldnt wouldnt stopped stuck down "
        "denied 401 403 404 500 502 503 504 timeout перестал* perestal* сдох* лагает "
        "не_слыш* не_дела* не_созда* недостаточно скрин* скриншот* screenshot* screen "
        "выскакива* выдает выдаёт ругает* пишет кракозябр* krakozyabr* иероглиф* абракадабр* "
        "garbled gibberish перезагружается перезагружаются перезагружалась перезагружался "
        "rebooting reboots restarting"
    ),
    # Infrastructure that is checked, not people: "бэкап не делался" is technical.
    "infra": Words(
        "бэкап* бекап* backup* резервн* rezervn* копи* сертификат* certificat* ssl сервер* "
        "server* диск* disk* места место хостинг* hosting* домен* domain* dns обмен* obmen* "
        "синхрон* sync* интеграц* integrat* webhook* вебхук* api exchange*"
    ),
    "howto": Words(
        "как kak how где gde where куда kuda каким_образом подскажите подскаж* podskazh* напомните "
        "напомни объясните научите покажите инструкц* обучен* instruction* tutorial "
        "explain remind show"
    ),
    "newtool": Words(
        "разработ* razrabot* develop* build создайте сделайте sdelaite запилить замутите "
        "прикрутить внедрите внедрить внедрение оцените otsenite оценку оценка estimate* quote "
        "смет* стоимость стоит скока сколько skolko cost нулья нуля scratch раньше_не "
        "нет_у_нас новый новая новое новую новый_раздел new хотим hotim want доработ* "
        "дораб* добавьте редизайн redesign"
    ),
    "audit": Words(
        "кто kto who проверьте проверте proverte провер* аудит* audit* check* контрол* "
        "kontrol* monitor* просроч* prosroch* overdue менеджер* менеджеров manager* reps "
        "сотрудник* employee* каждый каждого each интенсивн* дисциплин* discipline "
        "перезван* perezvan* гноит гноят маринует сливает халтур* рейтинг*"
    ),
    "advice": Words(
        "посоветуйте посовет* posovet* совет* sovet* рекоменд* recommend* advi* стоит_ли "
        "stoit_li worth should лучше luchshe best правильно pravilno выстроить vystroit "
        "организовать организовывать organi* стратег* strateg* развити* razvit* roadmap "
        "встреч* meeting процесс* process* структур* structur* мнение opinion",
    ia_forms=True,
    ),
}

_NEGATION = frozenset({key("не"), key("not")})
_CUE_PAIRS = {(key("стоит"), key("ли")): key("стоит_ли"), (key("stoit"), key("li")): key("стоит_ли"),
              (key("есть"), key("смысл")): key("стоит_ли"), (key("имеет"), key("смысл")): key("стоит_ли"),
              (key("make"), key("sense")): key("стоит_ли"), (key("makes"), key("sense")): key("стоит_ли"),
              (key("раньше"), key("не")): key("раньше_не"),
              (key("каким"), key("образом")): key("каким_образом")}


_CUE_MEMO: dict[tuple[str, ...], list[str]] = {}


def cue_names(ks: Sequence[str]) -> list[str]:
    """Names of the cue groups present in a message (negated verbs count as "не_<verb>").

    Several rules ask this of the same message, so the answer is remembered (bounded)."""
    memo_key = tuple(ks)
    names = _CUE_MEMO.get(memo_key)
    if names is None:
        names = _cue_names(ks)
        if len(_CUE_MEMO) >= 20_000:
            _CUE_MEMO.clear()
        _CUE_MEMO[memo_key] = names
    return list(names)


def _cue_names(ks: Sequence[str]) -> list[str]:
    expanded = list(ks)
    for a, b in zip(ks, ks[1:], strict=False):
        if a in _NEGATION:
            expanded.append(key("не") + "_" + b)
        if b == "t":
            expanded.append(a + "t")  # "doesn't" is split at the apostrophe; "Dan" is a name
        pair = _CUE_PAIRS.get((a, b))
        if pair:
            expanded.append(pair)
    if _BUILD_VERB.any(ks) and _WORK_PRODUCT.any(ks):
        expanded.append(_NEW_TOOL)  # "напишите обработку", "посчитайте интеграцию"
    return [name for name, group in CUES.items() if group.any(expanded)]


# Writing or pricing a piece of work is new work, whatever else the message says.
_BUILD_VERB = Words(
    "написать напишите напишете написали напишем write посчитайте посчитать просчитайте "
    "просчитать рассчитайте рассчитать прикиньте прикинуть calculate estimate* quote"
)
_WORK_PRODUCT = Words(
    "обработк* obrabotk* модул* module* скрипт* script* интеграц* integrat* доработк* "
    "внедрени* виджет* widget* приложени* app бот бота bot конфигурац* печатн* "
    "коннектор* connector* плагин* plugin* парсер* parser*",
    ia_forms=True,
)
_NEW_TOOL = key("оцените")


# --- the integrator's subject matter ------------------------------------------------------

# Without any of these words (or a cue group) a message is about people, not systems, and a
# weak ticket verdict from the model is more likely chatter.
DOMAIN = Words(
    "битрикс* bitriks* bitrix* битра битру b24 Crm crm срм портал* portal* 1s 1с сделк* "
    "sdelk* deal* лид лиды лида лидов лидам lead* счет* schet* счёт* invoice* акт акты "
    "актов кп quote* звон* zvon* call calls called calling калькулятор* kalkulyator* "
    "calculator* телефон* telefon* телефони* phone* atc атс sip mango манго переадресац* "
    "добавочн* extension* ivr "
    "задач* zadach* task* проект* project* сайт* sait* site* web* форм* form* заявк* "
    "zayavk* почт* pocht* mail* email* письм* pism* imap smtp отчет* otchet* report* "
    "аналитик* analyt* воронк* voronk* pipeline* funnel* стад* stage* интеграц* integrac* "
    "integrat* обмен* obmen* sync* синхрон* выгруз* vygruz* загруз* импорт* import* "
    "export* экспорт* сервер* server* хостинг* hosting* домен* domain* ssl dns бэкап* "
    "backup* обновлен* update* модул* module* робот* robot* автоматиз* automat* бизнес* "
    "бп bp процесс* process* смарт* smart* карточк* kartochk* card* поле поля полей полях field* контакт* "
    "kontakt* contact* компан* company* клиент* klient* client* customer* товар* tovar* "
    "product* заказ* zakaz* order* оплат* oplat* payment* касс* эквайр* документ* dokument* "
    "document* договор* dogovor* contract* шаблон* template* печат* print* pdf файл* file* "
    "диск* drive* доступ* dostup* access* прав* permission* пароль parol* password* "
    "логин* login* войти вход* авторизац* уведомлен* uvedomlen* notification* push* пуш* "
    "приложен* prilozhen* app mobile мобил* чат* chat* открыт* линии line* channel* "
    "канал* kanal* ватсап* whatsapp* вацап* телеграм* telegram* бот* bot* виджет* widget* "
    "менеджер* menedzher* manager* сотрудник* sotrudnik* employee* оператор* operator* "
    "отдел* otdel* sales продаж* prodazh* rep reps конверс* conversion* просроч* overdue "
    "фильтр* filter* кнопк* knopk* button* настройк* nastroik* setting* лиценз* licen* "
    "тариф* tarif* маркетплейс* marketplace* ozon озон* wildberries вб авито avito тильд* "
    "tilda дашборд* dashboard* bi эдо edo подпис* signature* склад* sklad* warehouse* "
    "остатк* stock* цен* price* скидк* discount* календар* calendar* встреч* meeting* "
    "лента ленте ленту feed группа группу group* рассылк* rasylk* смс sms api вебхук* "
    "webhook* rest ошибк* error* система системе систему system* функционал* feature* "
    "регламент* кабинет* дизайн* design* лендинг* landing* магазин* shop* корзин* cart* "
    "курьер* склад* производств* manufactur* филиал* branch* пропущен* missed* запис* "
    "record* кнопку таймлайн* timeline* дело дела дел activity activities КП сделок "
    "подзадач* ответствен* otvetstven* responsib* напомин* reminder* экран* screen* "
    "груз* gruz* страниц* page* редизайн* канбан* kanban список* списк* list* статус* "
    "status* коммерческ* аватар* avatar* профил* profile* дубл* dubl* duplicat* коробк* "
    "korobk* облак* cloud cron агент* agent* звук* sound* видео* video* код code "
    "обучен* instruction* инструкц* стратег* strateg* автоматиз* workflow* approval* "
    "согласован* approv* контрол* control* дисциплин* ручн* manual* учет* ут зуп ерп унф "
    "erp инвентаризац* оприход* проводк* реализаци* поступлени* накладн* упд маркетинг* "
    "marketing roi диспетчер* dispatch* логистик* logistic* рейс рейса рейсы рейсов рейсе рейсу рейсам пробег* маршрут* route* "
    "водител* driver* перевоз* отгруз* shipment* доставк* delivery* пациент* patient* "
    "прием* приём* смен* shift* прораб* объект* стройк* смет* урок* lesson* ученик* student* "
    "студент* курс* course* поставщик* supplier* штрихкод* barcode* этикет* label* ячейк* "
    "хранени* storage* показател* выручк* revenue* маржинальн* margin* kpi kpis метрик* "
    "metric*",
    ia_forms=True,
)


_SYSTEM_VERBS = frozenset({
    "добавьте", "заведите", "создайте", "подключите", "настройте", "выдайте", "откройте",
    "добавь", "заведи", "создай", "подключи", "настрой", "выдай", "add", "create", "connect",
    "configure", "grant",
})


def is_system_request(ks: Sequence[str], raw: Sequence[str]) -> bool:
    """An order to add, create or set up something in a system the company runs ("добавьте
    в телефонию", "create a 1C user for ..."), said in the imperative."""
    return bool(_SYSTEM_VERBS & set(raw)) and _BUSINESS.any(ks)


def names_company_system(ks: Sequence[str]) -> bool:
    """Whether the message names a system (CRM, 1C, telephony, site) as the company's own
    ("на рабочем ноутбуке не открывается битрикс", "наша CRM")."""
    return _BUSINESS.any(ks) and _COMPANY.any(ks)


# The office, the company and its rooms: a device there is the company's ("офисный принтер",
# "телевизор в переговорке", "наш роутер").
_WORKPLACE = Words(
    "офис* ofis* office рабоч* rabach* служебн* корпоратив* korporativ* corporate компани* "
    "kampani* company организац* переговорн* переговорк* серверн* ресепшн* ресепшен* reception "
    "наш наша нашу нашей нашем нашего наши наших нашим нашими отдел* otdel* бухгалтери* "
    "этаж* floor касс* kass* склад* sklad* warehouse* магазин* филиал* цех* boardroom* "
    "meeting_room",
    ia_forms=True,
)


def names_workplace(ks: Sequence[str]) -> bool:
    """Whether the message places its device in the office or the company ("офисный
    принтер не печатает"); personal cues are the rules' to find, not the model's."""
    return _WORKPLACE.any(ks) or (_ROOM in ks and _WORKPLACE.any(join_phrases(ks)))


_ROOM = key("room")


def is_office_device_trouble(ks: Sequence[str]) -> bool:
    """A device of the office or the company that misbehaves."""
    return _DEVICE.any(ks) and names_workplace(ks) and "problem" in cue_names(ks)


def has_domain_terms(ks: Sequence[str]) -> bool:
    """Whether the message mentions anything the integrator works on, or a malfunction."""
    return (
        DOMAIN.any(ks) or "problem" in cue_names(ks)
        or (_DEVICE.any(ks) and _WORKPLACE.any(ks))  # "наш роутер в офисе перезагружается"
    )


# People whose work a check may be about: then it is an audit after all.
_STAFF = _ROLE | _PEOPLE


# "Хотим электронную очередь, вы такое делаете?", "можно ли сделать, чтобы акт сам
# формировался одной кнопкой": a build asked of the integrator, not a how-to.
_BUILD_ASKED_INDEX = _by_first_word((
    ("вы", "такое", "делаете"), ("такое", "делаете"), ("делаете", "такое"),
    ("беретесь", "за", "такое"), ("возьметесь",), ("возьмётесь",), ("do", "you", "build"),
    ("do", "you", "do", "that"), ("do", "you", "do", "this"), ("can", "you", "build"),
    ("is", "this", "something", "you"),
))
_MAKE_IT_SO_INDEX = _by_first_word((
    ("можно", "ли", "сделать", "чтобы"), ("можно", "ли", "сделать", "так", "чтобы"),
    ("можно", "сделать", "чтобы"), ("можете", "сделать", "чтобы"),
    ("can", "you", "make", "it"), ("could", "you", "make", "it"),
))
_BY_ITSELF_BUILD = Words(
    "автоматическ* автомат* сам сама само сами кнопк* button* automatic* генерил* генерир* "
    "формировал* формирова* создавал* click"
)


def is_build_asked(ks: Sequence[str], raw: Sequence[str]) -> bool:
    return _has_phrase(raw, _BUILD_ASKED_INDEX) or (
        _has_phrase(raw, _MAKE_IT_SO_INDEX) and _BY_ITSELF_BUILD.any(ks)
    )


# --- announcements and replies that ask nothing ----------------------------------------------

# A training, an update, a meeting or works scheduled, moved or announced: news about the
# system ("обучение по 1С переносится на четверг", "обновление битрикса завтра в 22:00"), not a
# request, as long as nothing is asked, wanted or broken.
_SCHEDULED = Words(
    "обучен* тренинг* training* вебинар* webinar* семинар* seminar* обновлен* update* "
    "обновится обновятся обновим "
    "maintenance техработ* работы собран* совещан* созвон* встреч* meeting* презентац* "
    "presentation* демо demo* планерк* инструктаж* session* сессия сессию"
)
_SCHEDULE_VERB = Words(
    "перенос* перенес* переносим переезжает состоится состоятся планов* пройдет пройдут пройдём пройдем "
    "будет будут начн* стартует стартуют напомина* запланир* назнач* отмен* cancel* moved "
    "postponed rescheduled will starts start scheduled planned недоступ* unavailable сдвига* "
    "сдвинул* shifted обновится обновятся"
)
_WANT = Words("хотим хотели хочу хотела хотел хотелось want wants would like надеемся")


# "К сведению: с первого числа переходим на битрикс", "FYI, we're dropping amo from Monday":
# news told to the chat, a decision already taken, nothing asked.
_FYI_PHRASES = (
    ("к", "сведению"), ("для", "сведения"), ("для", "информации"), ("информирую",),
    ("информируем",), ("на", "заметку"), ("fyi",), ("heads", "up"), ("just", "so", "you", "know"),
    ("for", "your", "information"), ("просто", "сообщаю"), ("сообщаю",), ("сообщаем",),
    ("доводим", "до", "сведения"), ("довожу", "до", "сведения"),
)
_FYI_INDEX = _by_first_word(_FYI_PHRASES)
# Decisions in the first person plural: "переходим", "отключаем", "we're switching".
_DECIDED = Words(
    "переходим переезжаем отключаем закрываем запускаем открываем отказываемся уходим "
    "меняем switching moving dropping migrating"
)


def is_fyi_news(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """News for the chat, marked as such or a dated decision, with nothing asked or broken."""
    if question or not ks or len(ks) > 30:
        return False
    marked = _has_phrase(raw[:6], _FYI_INDEX)
    if not (marked or _DECIDED.any(ks)):
        return False
    if _REQUEST.any(ks) or _WANT.any(ks) or _imperative(raw) or "problem" in cue_names(ks):
        return False
    if marked:
        return True
    timed = _WHEN.any(ks) or any(k.isdigit() for k in ks)
    return timed and _DECIDED.any(ks) and "howto" not in cue_names(ks)


def is_schedule_news(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """A training, an update or a meeting announced, moved or cancelled, with its day or
    time, and nothing asked of the integrator."""
    if question or not ks or len(ks) > 25:
        return False
    if _REQUEST.any(ks) or _WANT.any(ks) or _imperative(raw) or "problem" in cue_names(ks):
        return False
    clock = any(k.isdigit() for k in ks)
    timed = _WHEN.any(ks) or clock or _LATER.any(ks)
    # "Тренинг по 1С в среду в 10:00": a day and an hour announce it without a verb.
    return timed and _SCHEDULED.any(ks) and (_SCHEDULE_VERB.any(ks) or (clock and _WHEN.any(ks)))


# "Ок, обсудим завтра", "let's discuss tmrw", "созвонимся после обеда": the talk is put off.
_DEFER = Words(
    "обсудим обсудить обсуждаем обсудили созвонимся созвонится поговорим поговорить "
    "вернемся вернёмся вернусь вернусь discuss* talk talking chat sync catch созвон* "
    "обговорим договоримся договорим решим"
)
_LATER = Words(
    "завтра zavtra tomorrow tmrw tmr tmrrw tomorow позже pozzhe later потом попозже "
    "послезавтра вечером утром после next следующ* неделе week monday* понедельник*"
)


# "Уточню у директора и отпишусь", "will check with the boss and get back to you": the
# answer promised later is the client's, nothing is asked of the integrator yet.
_GET_BACK_PHRASES = (
    ("get", "back", "to", "you"), ("get", "back", "to", "u"), ("come", "back", "to", "you"),
    ("let", "you", "know"), ("circle", "back"), ("will", "revert"), ("дам", "знать"),
    ("дадим", "знать"), ("отпишусь",), ("отпишемся",), ("отпишу",), ("отпишем",),
    ("вернусь", "с", "ответом"), ("вернемся", "с", "ответом"), ("вернусь", "к", "вам"),
    ("вернемся", "к", "вам"), ("отвечу", "позже"), ("ответим", "позже"), ("сообщу",),
    ("сообщим",), ("маякну",), ("маякнем",),
)
_GET_BACK_INDEX = _by_first_word(_GET_BACK_PHRASES)
_CHECK = key("check")


def is_deferral(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """A short reply that puts the conversation off to later, asking nothing."""
    if question or not ks or "problem" in cue_names(ks):
        return False
    # "Will check with the director": the speaker's own check, not one asked for.
    if len(ks) <= 16 and _has_phrase(raw, _GET_BACK_INDEX) and not (
        _REQUEST.any(k for k in ks if k != _CHECK) or _imperative(raw)
    ):
        return True
    if len(ks) > 10:
        return False
    return all_of(ks, _DEFER, _LATER) and not _imperative(
        [w for w in raw if w not in ("давайте", "давай")]
    )


# "Всё заработало", "битрикс снова работает, спасибо", "works again": a fix confirmed.
_RESOLVED_PHRASES = (
    ("уже", "работает"), ("снова", "работает"), ("опять", "работает"), ("все", "работает"),
    ("всё", "работает"), ("теперь", "работает"), ("работает", "снова"), ("works", "again"),
    ("working", "again"), ("works", "now"), ("working", "now"), ("is", "back"), ("are", "back"),
    ("back", "up"), ("all", "good"), ("всё", "ок"), ("все", "ок"), ("всё", "хорошо"),
    ("все", "хорошо"), ("все", "в", "порядке"), ("всё", "в", "порядке"), ("уже", "работают"),
    ("снова", "работают"), ("все", "работают"), ("всё", "работают"),
)
_RESOLVED_INDEX = _by_first_word(_RESOLVED_PHRASES)
_RESOLVED_WORDS = frozenset({
    "заработало", "заработал", "заработала", "заработали", "починилось", "починили",
    "починился", "починилась", "отвисло", "ожило", "ожил", "ожила", "fixed", "resolved",
})


# "Кстати, букет от вас всё ещё стоит", "btw the cake was great": an aside that tells and
# asks nothing, about no system.
_ASIDE_INDEX = _by_first_word((
    ("кстати",), ("btw",), ("by", "the", "way"), ("к", "слову"), ("между", "прочим"),
    ("а", "кстати"), ("p", "s"),
))
_OPEN = Words("открыт* otkryt*")
_LINES = Words("лини* line*")


def _without_openings(ks: Sequence[str]) -> list[str]:
    """The keys without an "открытие" (of a shop) that is no "открытые линии"."""
    return [
        k for i, k in enumerate(ks)
        if not (_OPEN.matches(k) and not (i + 1 < len(ks) and _LINES.matches(ks[i + 1])))
    ]


def is_aside(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """A remark made in passing, with nothing asked, wanted or broken and no system named."""
    if question or not ks or len(ks) > 25 or not _has_phrase(raw[:3], _ASIDE_INDEX):
        return False
    if _REQUEST.any(ks) or _WANT.any(ks) or _imperative(raw):
        return False
    cues = cue_names(ks)
    if "problem" in cues or "howto" in cues:
        return False
    rest = _without_openings(ks)
    return not (DOMAIN.any(rest) or _BUSINESS.any(rest) or _DEVICE.any(rest))


# The ninth round: an acknowledgement that promises to do better ("ок, поняла, больше так не
# делаю", "понял, учту", "got it, won't happen again") and shows asks nothing.
_ACK_OPENERS = frozenset({
    "ок", "ok", "окей", "okay", "понял", "поняла", "поняли", "понятно", "ясно", "принято",
    "хорошо", "got", "understood", "noted", "ага", "угу",
})
_PROMISE = frozenset({
    "больше", "учту", "учтём", "учтем", "запомню", "запомнила", "запомнил", "исправлюсь",
    "буду", "won't", "again", "anymore", "will", "noted",
})
# "Смотрите, какая красивая вывеска", "look how nice the new sign is": something shown off.
_LOOK = frozenset({"смотрите", "гляньте", "зацените", "посмотрите", "look", "check"})
_EXCLAIM = frozenset({"какая", "какой", "какое", "какие", "как", "how", "what"})


def is_acknowledgement(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """An "ok, got it" that promises better or a thing shown off, with nothing asked."""
    if question or not raw or len(raw) > 12 or _REQUEST.any(ks) or _imperative(
        [w for w in raw if w not in _LOOK]
    ):
        return False
    if raw[0] in _ACK_OPENERS and _PROMISE & set(raw[1:]):
        return True
    for i, w in enumerate(raw):
        if w in _LOOK and _EXCLAIM & set(raw[i + 1 : i + 3]):
            rest = [key(x) for x in raw[i + 1 :]]
            return "problem" not in cue_names(rest) and not _WORK_SYSTEM.any(rest)
    return False


def is_all_clear(ks: Sequence[str], raw: Sequence[str], question: bool = False) -> bool:
    """A malfunction reported fixed, with no "but", no "not" and nothing asked."""
    if question or not ks or len(ks) > 20 or _BUT & set(raw) or _NOT_WORDS & set(raw):
        return False
    if not (_has_phrase(raw, _RESOLVED_INDEX) or _RESOLVED_WORDS & set(raw)):
        return False
    return not (_REQUEST.any(ks) or _imperative(raw) or _WANT.any(ks))
