"""Precompiled patterns for page furniture and metadata lines that hold across news sites.

Each pattern names a kind of widget seen on many sites, not a line of one page.
"""

from __future__ import annotations

import re

# Lines that are page furniture wherever they stand.
FURNITURE = re.compile(
    r"""^(?:
        skip\ to\ (?:main\ )?content | go\ to\ (?:main\ )?contents? | accessibility\ links? | jump\ to\ navigation
      | (?:adjust|change|text|font)\ (?:font\ )?size:? | (?:(?:xs|s|sm|md|m|lg|l|xl|xxl|a\+?|a-)\s*)+
      | you\ are\ here:.* | home\s*[/>»›].* | breadcrumbs?
      | story\ tools | top\ stories | related\ (?:stories|articles|news|links|content) | most\ (?:read|popular|viewed)
      | (?:more\ )?video(?:\ video)? | more\ video\ video | premium\ content | advertisement | sponsored(?:\ content)?
      | print(?:\ this)?(?:\ (?:story|article|page))? | e-?mail\ (?:this|to\ a\ friend).* | share(?:\ this)?(?:\ (?:story|article))?
      | external\ links? | all\ external\ sites\ will\ open.* | .*does\ not\ endorse\ external\ sites.*
      | (?:read\ our\ )?privacy\ (?:policy|guidelines|statement).* | terms\ (?:of\ (?:use|service)|under\ which|and\ conditions).*
      | .*all\ rights\ reserved\.? | contact\ us\.? | about\ us | site\ map | sitemap | subscribe.* | sign\ (?:in|up)
      | powered\ by\ .{1,30} | off\ the\ wire | breaking\ news | latest\ news | back\ to\ top | (?:next|previous|prev)\ page
      | comments?\ \(\d+\) | \d+\ comments? | (?:page\ )?[\d\s|]+ | [|•·»›>\-–—\s]+
      | home | menu | (?:main\ )?navigation | search(?:\ form)? | donate(?:\ donate)? | log\ ?in | log\ ?out | register
      | newsletter | (?:previous|next|prev|older|newer)\ (?:post|article|story|entry|posts|articles|stories|entries)
      | [#.][\w-]+(?:[#.][\w-]+)*  # a CSS selector left in the text: "#header", ".entry-meta"
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[,\s]*(?P<holder>[^.|]*)", re.I)
TICKER_SEPARATOR = re.compile(r"\s[•·|]\s.*\s[•·|]\s")
EMAIL = re.compile(r"\b[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)\b")
BYLINE = re.compile(r"^by\s+(?P<name>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,6})\s*$", re.IGNORECASE)
# "(CNN) -- ", "BEIJING (Reuters) - ", "WASHINGTON, May 3 (AP) — ": the wire or outlet in a lead
LEAD_SOURCE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?\((?P<source>[A-Z][\w&.' -]{1,30})\)\s*(?:--|—|–|-|:)\s"
)
SPEAKER_TURN = re.compile(r"^(?P<speaker>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}):$")
TITLE_DATE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$")
DOMAIN = re.compile(
    r"\b(?P<domain>(?:[a-z0-9-]+\.)+(?:com|org|net|cn|uk|de|fr|ru|jp|kr|in|info|gov|edu|int|eu|news|co)(?:\.[a-z]{2})?)\b",
    re.I,
)
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A stated date: ISO, "July. 18, 2002", "18 July 2002", "July 2002", "2002/07/18"
DATE_SPAN = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
    rf"|{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS}\.?,?\s+\d{{4}}|{MONTHS}\.?\s+\d{{4}})\b"
)
DATELINE_WORDS = re.compile(r"^(?:posted|published|updated|last updated|date|released)\b:?\s*", re.I)

# Where the story is over: readers' comments and author boxes come after it on every site that has them.
STORY_END = re.compile(
    r"""^\[?\s*(?:
        (?:read|view|show|see|load|hide)\s+(?:all\s+|more\s+|the\s+)?(?:\d+\s+)?comments?.*
      | comments?\s*(?:\(\d+\))?:? | \d+\s+comments? | leave\s+a\s+(?:comment|reply).* | (?:post|add|write)\s+a\s+comment.*
      | join\s+the\s+(?:discussion|conversation).* | rating:\s*\d+\s+votes? | about\s+the\s+author
    )\s*\]?$""",
    re.IGNORECASE | re.VERBOSE,
)
