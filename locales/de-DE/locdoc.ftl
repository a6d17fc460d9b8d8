## Page chrome
skip-to-content = Zum Hauptinhalt springen
site-home = Startseite
language-switcher = Sprache
language-unavailable = noch nicht übersetzt
choose-language = Sprache auswählen
pages-in-locale = Seiten
page-list-title = Alle Seiten
generated-by = Erstellt mit locdoc

## Translation notices
machine-translated = Diese Seite wurde maschinell übersetzt. Einige Formulierungen sind möglicherweise ungenau.
show-original = Englisches Original anzeigen
original-label = Englisches Original
segment-missing = Noch nicht übersetzt; wird auf Englisch angezeigt.
segment-stale = Der englische Text wurde seit dieser Übersetzung geändert.
stale-marker = veraltet
translation-status = { $percent } % dieser Seite sind übersetzt.
segments-in-english =
    { $count ->
        [one] { $count } Abschnitt wird auf Englisch angezeigt.
       *[other] { $count } Abschnitte werden auf Englisch angezeigt.
    }
coverage = { $percent } % übersetzt

## Alerts
alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Achtung

## Navigation
site-navigation = Website
breadcrumbs = Brotkrümelnavigation
all-languages = Alle Sprachen
pager = Vorheriges und nächstes Ereignis
previous-event = Vorheriges Ereignis
next-event = Nächstes Ereignis
link-outside = Nicht Teil dieser Website
source-language = Ausgangssprache
suggest-language = Diese Dokumentation auf Deutsch lesen
page-count =
    { $count ->
        [one] { $count } Seite
       *[other] { $count } Seiten
    }
decimal-separator = ,
percent-value = { $value } %

## Home page and event index
guides = Anleitungen
event-index = Ereignisindex
event-count =
    { $count ->
        [one] { $count } Ereignis
       *[other] { $count } Ereignisse
    }
column-id = ID
column-name = Name
column-level = Ebene
column-keywords = Schlüsselwörter
column-channel = Kanal
filter-label = Ereignisse filtern
filter-placeholder = ID, Name, Schlüsselwort…
all-levels = Alle Ebenen
events-shown = Angezeigt: { $shown } von { $total }
no-events-match = Kein Ereignis entspricht dem Filter.
events-pages = Seiten des Ereignisindex
events-page = Seite { $page }
events-page-of = Seite { $page } von { $pages }
events-page-previous = Vorherige Seite
events-page-next = Nächste Seite
events-filter-page = Der Filter durchsucht nur die Ereignisse auf dieser Seite.
events-search-all = Alle Ereignisse durchsuchen

## Search
search-title = Suche
search-label = Dokumentation durchsuchen
search-placeholder = Suchen
search-button = Suchen
search-results = Ergebnisse: { $count }
search-no-results = Keine Ergebnisse.
search-loading = Suche läuft…
search-unavailable = Die Suche funktioniert, wenn die Website über HTTP bereitgestellt wird, nicht in Dateien, die vom Datenträger geöffnet wurden. Der Ereignisindex führt alle Ereignisse auf.
search-needs-js = Für die Suche ist JavaScript erforderlich. Der Ereignisindex auf der Startseite führt alle Ereignisse auf.

## Translation status dashboard
status-title = Übersetzungsstatus
status-description = Übersetzungsabdeckung und Probleme von { $site } nach Sprache.
status-intro = Wie viel in jeder Sprache übersetzt ist und was `locdoc check` in den Übersetzungen findet.
status-chart-title = Texteinheiten nach Status und Sprache
status-translated = Übersetzt
status-untranslated = Identisch mit Englisch
status-stale = Veraltet
status-missing = Fehlt
status-by-locale = Nach Sprache
status-locale = Sprache
status-coverage = Übersetzt
status-pages = Seiten
status-pages-missing = Fehlende Seiten
status-all-findings = Alle Befunde
rule-missing = Fehlt
rule-stale = Veraltet
rule-untranslated = Nicht übersetzt
rule-placeholder = Platzhalter
status-details = Alle Regeln und Einheiten
status-check-note = Dieselben Zahlen, die `locdoc check` meldet (Befunde nach den Schweregradeinstellungen in site.toml).
status-problem-pages = Seiten mit den meisten Befunden
status-page = Seite
status-no-translations = Es werden keine Übersetzungen erstellt.

# Whole-page translations and DocFX code samples
whole-page = Diese Seite ist als Ganzes übersetzt; das englische Original finden Sie im Sprachmenü.
whole-page-stale = Die englische Seite wurde seit dieser Übersetzung geändert; Teile davon sind möglicherweise veraltet.
code-sample-missing = Codebeispiel nicht auf dieser Website
video-link = Video
status-pages-whole = Vollständig übersetzte Seiten

# Navigation tree
toc-label = Inhalt
toc-all = Inhaltsverzeichnis
toc-more = { $count } weitere
toc-previous = Zurück
toc-next = Weiter
toc-pager = Vorherige und nächste Seite
