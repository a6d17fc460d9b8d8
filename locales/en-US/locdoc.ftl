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
whole-page = This page is translated as a whole; the English original is in the language menu.
whole-page-stale = The English page has changed since this translation was made; parts of it may be out of date.
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

## Navigation
site-navigation = Site
breadcrumbs = Breadcrumbs
all-languages = All languages
pager = Previous and next event
previous-event = Previous event
next-event = Next event
link-outside = Not part of this site
code-sample-missing = Code sample not in this site
video-link = Video
source-language = Source language
# Shown in the language it names, so a translation may write the name itself.
suggest-language = Read this documentation in { $language }
page-count =
    { $count ->
        [one] { $count } page
       *[other] { $count } pages
    }
# Numbers: the decimal separator and how a percentage is written.
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = Guides
event-index = Event index
event-count =
    { $count ->
        [one] { $count } event
       *[other] { $count } events
    }
column-id = ID
column-name = Name
column-level = Level
column-keywords = Keywords
column-channel = Channel
filter-label = Filter events
filter-placeholder = ID, name, keyword…
all-levels = All levels
# { $shown } and { $total } are filled in by the browser.
events-shown = Shown: { $shown } of { $total }
no-events-match = No event matches the filter.
# A long event index is paged ([build] events_per_page): the pager's
# name, its links, and the note that the filter covers one page.
events-pages = Pages of the event index
events-page = Page { $page }
events-page-of = Page { $page } of { $pages }
events-page-previous = Previous page
events-page-next = Next page
events-filter-page = The filter covers the events on this page only.
events-search-all = Search all events

## Search
search-title = Search
search-label = Search the documentation
search-placeholder = Search
search-button = Search
# { $count } is filled in by the browser.
search-results = Results: { $count }
search-no-results = No results.
search-loading = Searching…
search-unavailable = Search works when the site is served over HTTP, not from files opened on disk. The event index lists every event.
search-needs-js = Search needs JavaScript. The event index on the home page lists every event.

## Translation status dashboard
status-title = Translation status
status-description = Translation coverage and problems of { $site }, per language.
status-intro = How much of each language is translated, and what `locdoc check` finds in the translations.
status-chart-title = Units of text by status, per language
status-translated = Translated
status-untranslated = Same as English
status-stale = Outdated
status-missing = Missing
status-by-locale = By language
status-locale = Language
status-coverage = Translated
status-pages = Pages
status-pages-missing = Pages missing
status-pages-whole = Whole-page translations
status-all-findings = All findings
rule-missing = Missing
rule-stale = Outdated
rule-untranslated = Untranslated
rule-placeholder = Placeholders
status-details = All rules and units
status-check-note = The same figures as `locdoc check` reports (findings after the severity settings of site.toml).
status-problem-pages = Pages with the most findings
status-page = Page
status-no-translations = No translations are being built.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = Contents
toc-all = Table of contents
toc-more = { $count } more
toc-previous = Previous
toc-next = Next
toc-pager = Previous and next page
