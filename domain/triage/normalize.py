"""Text normalisation shared by the rules and the statistical model.

Every word, whether written in Cyrillic, in Latin-script Russian ("ne rabotaet telefoniya")
or in English, is reduced to one phonetic *key* in a small Latin alphabet. Cyrillic and
transliterated spellings of the same Russian word then meet on the same key, and the key is
deliberately blind to the vowel and spelling mistakes people make on a phone (о/а, е/и,
doubled letters, ться/тся/ца), so the classifier sees fewer, denser features.
"""

from __future__ import annotations

import re

# Only the head of a message is analysed: chat requests state their point early, and a cap
# keeps a pasted 100 KB log from costing more than a normal message.
MAX_CHARS = 1500

# Cyrillic letters map to Latin; sounds without a single Latin letter get an upper-case
# placeholder (input is lower-cased first, so placeholders never collide with real text).
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "Z",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "H", "ц": "C",
    "ч": "Q", "ш": "W", "щ": "W", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian/Belarusian letters occasionally typed by mistake.
    "і": "i", "ї": "i", "є": "e", "ў": "u",
}
_CYR_TABLE = str.maketrans(_CYR)

# Latin digraphs of common transliteration schemes, longest first, onto the same
# placeholders the Cyrillic letters use.
_DIGRAPHS = (
    ("shch", "W"), ("sch", "W"), ("sh", "W"), ("ch", "Q"), ("zh", "Z"), ("kh", "H"),
    ("tsya", "Ca"), ("tsa", "Ca"), ("ck", "k"),
    ("ya", "a"), ("ja", "a"), ("ia", "a"), ("yu", "u"), ("ju", "u"), ("iu", "u"),
    ("yo", "o"), ("jo", "o"), ("ye", "e"), ("je", "e"),
)
_SINGLE = str.maketrans({
    "h": "H", "c": "k", "x": "ks", "q": "k", "w": "v", "y": "i", "j": "i",
    # Unstressed vowels are the most frequent misspellings: о/а and е/и/ы merge.
    "o": "a", "e": "i",
})

_TS_RE = re.compile(r"t[sz](?!$)")
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
# "1с"/"1C" (and its slangy inflections "1ска", "1ску") is one token; other digits stand
# apart from letters so that "битрикс24" and "битрикс 24" agree.
_WORD_RE = re.compile(r"1[cс][a-zа-яё]*|[a-zа-яёіїєў]+|[0-9]+")
_DOUBLE_RE = re.compile(r"(.)\1+")
# The Latin "1c" and the Cyrillic "1с" are the same product name.
_SPECIAL = {"crm": "Crm", "црм": "Crm", "срм": "Crm",
            # "Uber Eats" would otherwise meet the telephony's "АТС" on one key.
            "eats": "Eats"}
# "телефония" and its misspellings ("тилифония", "telefoniya"), not "телефон" (a handset).
_TELEPHONY_RE = re.compile(r"т[еэи]л[еэи]ф[оа]н[иі]|t[eiy]l[eiy]f[oa]ni|telephony")


def key(word: str) -> str:
    """Reduce one lower-case word (any script) to its phonetic key."""
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    if word[:2] in ("1c", "1с"):
        return "1s"
    if _TELEPHONY_RE.match(word):
        # "телефония" (the client's phone system) would otherwise share its key with
        # "телефона" (a handset) and "телефонии" with "телефоне": every form of the system
        # gets one key of its own.
        return "Tilifania"
    # "сч" is pronounced like "щ" and transliterated as "sch" ("schet"), so merge it first.
    s = word.replace("сч", "щ").translate(_CYR_TABLE)
    for src, dst in _DIGRAPHS:
        if src in s:
            s = s.replace(src, dst)
    # "ts" is "ц" inside a word but an English plural at its end ("contacts", "reports").
    s = _TS_RE.sub("C", s)
    # A Latin "c" sounds like "ц" before a front vowel ("licenziya", "service"), else "к".
    s = _SOFT_C_RE.sub("C", s)
    s = s.translate(_SINGLE)
    # "ia" produced by the vowel merge ("telefonia") collapses like the digraph did.
    s = s.replace("ia", "a")
    return _DOUBLE_RE.sub(r"\1", s)


def words(text: str) -> list[str]:
    """Lower-case word tokens of the analysed head of the text (ё folded into е)."""
    head = text[:MAX_CHARS].lower().replace("ё", "е")
    return _WORD_RE.findall(head)


_KEY_CACHE: dict[str, str] = {}
_KEY_CACHE_LIMIT = 30_000


def keys(text: str) -> list[str]:
    """Phonetic keys of the words of a text, memoised because chat vocabulary repeats."""
    out = []
    cache = _KEY_CACHE
    for w in words(text):
        k = cache.get(w)
        if k is None:
            k = key(w)
            if len(cache) >= _KEY_CACHE_LIMIT:  # bounded: start again rather than grow
                cache.clear()
            cache[w] = k
        out.append(k)
    return out
