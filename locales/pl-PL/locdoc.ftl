## Page chrome
skip-to-content = Przejdź do treści
site-home = Strona główna
language-switcher = Język
language-unavailable = jeszcze nieprzetłumaczone
choose-language = Wybierz język
pages-in-locale = Strony
page-list-title = Wszystkie strony
generated-by = Zbudowano za pomocą locdoc

## Translation notices
machine-translated = Ta strona została przetłumaczona maszynowo. Niektóre sformułowania mogą być nieprecyzyjne.
whole-page = Ta strona jest przetłumaczona w całości; angielski oryginał jest dostępny w menu języków.
whole-page-stale = Angielska strona zmieniła się od czasu powstania tego tłumaczenia; jego fragmenty mogą być nieaktualne.
show-original = Pokaż oryginał w języku angielskim
original-label = Oryginał angielski
segment-missing = Jeszcze nieprzetłumaczone; pokazano po angielsku.
segment-stale = Tekst angielski zmienił się od czasu tłumaczenia.
stale-marker = nieaktualne
translation-status = Przetłumaczono { $percent }% tej strony.
segments-in-english =
    { $count ->
        [one] { $count } fragment jest pokazany po angielsku.
        [few] { $count } fragmenty są pokazane po angielsku.
       *[other] { $count } fragmentów jest pokazanych po angielsku.
    }
coverage = przetłumaczono { $percent }%

## Alerts
alert-note = Uwaga
alert-tip = Porada
alert-important = Ważne
alert-warning = Ostrzeżenie
alert-caution = Przestroga

## Navigation
site-navigation = Witryna
breadcrumbs = Ścieżka nawigacji
all-languages = Wszystkie języki
pager = Poprzednie i następne zdarzenie
previous-event = Poprzednie zdarzenie
next-event = Następne zdarzenie
link-outside = Poza tą witryną
code-sample-missing = Przykładowy kod poza tą witryną
video-link = Wideo
source-language = Język źródłowy
suggest-language = Czytaj tę dokumentację po polsku
page-count =
    { $count ->
        [one] { $count } strona
        [few] { $count } strony
       *[other] { $count } stron
    }
decimal-separator = ,
percent-value = { $value }%

## Home page and event index
guides = Artykuły
event-index = Indeks zdarzeń
event-count =
    { $count ->
        [one] { $count } zdarzenie
        [few] { $count } zdarzenia
       *[other] { $count } zdarzeń
    }
column-id = ID
column-name = Nazwa
column-level = Poziom
column-keywords = Słowa kluczowe
column-channel = Kanał
filter-label = Filtruj zdarzenia
filter-placeholder = ID, nazwa, słowo kluczowe…
all-levels = Wszystkie poziomy
events-shown = Wyświetlono: { $shown } z { $total }
no-events-match = Żadne zdarzenie nie pasuje do filtru.
events-pages = Strony indeksu zdarzeń
events-page = Strona { $page }
events-page-of = Strona { $page } z { $pages }
events-page-previous = Poprzednia strona
events-page-next = Następna strona
events-filter-page = Filtr obejmuje tylko zdarzenia na tej stronie.
events-search-all = Przeszukaj wszystkie zdarzenia

## Search
search-title = Wyszukiwanie
search-label = Przeszukaj dokumentację
search-placeholder = Szukaj
search-button = Szukaj
search-results = Wyniki: { $count }
search-no-results = Brak wyników.
search-loading = Wyszukiwanie…
search-unavailable = Wyszukiwanie działa, gdy witryna jest udostępniana przez HTTP, a nie z plików otwartych z dysku. Wszystkie zdarzenia są w indeksie zdarzeń.
search-needs-js = Wyszukiwanie wymaga JavaScriptu. Indeks zdarzeń na stronie głównej zawiera wszystkie zdarzenia.

## Translation status dashboard
status-title = Stan tłumaczenia
status-description = Pokrycie tłumaczeniem i problemy witryny { $site } według języków.
status-intro = Jaka część każdego języka jest przetłumaczona i co w tłumaczeniach znajduje `locdoc check`.
status-chart-title = Jednostki tekstu według stanu w poszczególnych językach
status-translated = Przetłumaczone
status-untranslated = Tak samo jak po angielsku
status-stale = Nieaktualne
status-missing = Brak
status-by-locale = Według języka
status-locale = Język
status-coverage = Przetłumaczono
status-pages = Strony
status-pages-missing = Brakujące strony
status-pages-whole = Strony tłumaczone w całości
status-all-findings = Wszystkie problemy
rule-missing = Brak tłumaczenia
rule-stale = Nieaktualne
rule-untranslated = Nieprzetłumaczone
rule-placeholder = Symbole zastępcze
status-details = Wszystkie reguły i jednostki
status-check-note = Te same liczby, które podaje `locdoc check` (problemy po uwzględnieniu ustawień ważności z site.toml).
status-problem-pages = Strony z największą liczbą problemów
status-page = Strona
status-no-translations = Nie są budowane żadne tłumaczenia.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = Spis treści
toc-all = Pełny spis treści
toc-more = { $count } więcej
toc-previous = Poprzednia
toc-next = Następna
toc-pager = Poprzednia i następna strona
