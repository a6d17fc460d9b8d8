# UI strings of locdoc's built-in templates (en-US: the fallback for every
# locale and every message). Templates read them as `ui.<id>` with `-`
# turned into `_`; messages with variables are formatted by locdoc.

## Page chrome
skip-to-content = Skip to content
site-home = Home
language-switcher = Language
language-unavailable = not translated yet
choose-language = Choose a language
pages-in-locale = Pages
page-list-title = All pages
generated-by = Built with locdoc

## Translation notices
machine-translated = This page was translated by a machine. Some wording may be imprecise.
show-original = Show English original
original-label = English original
segment-missing = Not translated yet; shown in English.
segment-stale = The English text has changed since this was translated.
stale-marker = outdated
translation-status = { $percent }% of this page is translated.
segments-in-english =
    { $count ->
        [one] { $count } passage is shown in English.
       *[other] { $count } passages are shown in English.
    }
coverage = { $percent }% translated

## Alerts (> [!NOTE] and friends)
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution
