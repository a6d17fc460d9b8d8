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
