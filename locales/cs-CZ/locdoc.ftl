## Page chrome
skip-to-content = Přejít na obsah
site-home = Domů
language-switcher = Jazyk
language-unavailable = zatím nepřeloženo
choose-language = Vyberte jazyk
pages-in-locale = Stránky
page-list-title = Všechny stránky
generated-by = Vytvořeno nástrojem locdoc

## Translation notices
machine-translated = Tato stránka byla přeložena strojově. Některé formulace nemusí být přesné.
whole-page = Tato stránka je přeložena jako celek; anglický originál najdete v nabídce jazyků.
whole-page-stale = Anglická stránka se od vytvoření tohoto překladu změnila; jeho části mohou být zastaralé.
show-original = Zobrazit anglický originál
original-label = Anglický originál
segment-missing = Zatím nepřeloženo; zobrazeno anglicky.
segment-stale = Anglický text se od překladu změnil.
stale-marker = zastaralé
translation-status = Přeloženo { $percent } % této stránky.
segments-in-english =
    { $count ->
        [one] { $count } pasáž je zobrazena anglicky.
        [few] { $count } pasáže jsou zobrazeny anglicky.
       *[other] { $count } pasáží je zobrazeno anglicky.
    }
coverage = přeloženo { $percent } %

## Alerts
alert-note = Poznámka
alert-tip = Tip
alert-important = Důležité
alert-warning = Upozornění
alert-caution = Pozor

## Navigation
site-navigation = Web
breadcrumbs = Drobečková navigace
all-languages = Všechny jazyky
pager = Předchozí a další událost
previous-event = Předchozí událost
next-event = Další událost
link-outside = Není součástí tohoto webu
code-sample-missing = Ukázka kódu není součástí tohoto webu
video-link = Video
source-language = Zdrojový jazyk
suggest-language = Číst tuto dokumentaci v češtině
page-count =
    { $count ->
        [one] { $count } stránka
        [few] { $count } stránky
       *[other] { $count } stránek
    }
decimal-separator = ,
percent-value = { $value } %

## Home page and event index
guides = Články
event-index = Rejstřík událostí
event-count =
    { $count ->
        [one] { $count } událost
        [few] { $count } události
       *[other] { $count } událostí
    }
column-id = ID
column-name = Název
column-level = Úroveň
column-keywords = Klíčová slova
column-channel = Kanál
filter-label = Filtrovat události
filter-placeholder = ID, název, klíčové slovo…
all-levels = Všechny úrovně
events-shown = Zobrazeno: { $shown } z { $total }
no-events-match = Filtru neodpovídá žádná událost.
events-pages = Stránky rejstříku událostí
events-page = Stránka { $page }
events-page-of = Stránka { $page } z { $pages }
events-page-previous = Předchozí stránka
events-page-next = Další stránka
events-filter-page = Filtr prohledává jen události na této stránce.
events-search-all = Hledat ve všech událostech

## Search
search-title = Hledání
search-label = Hledat v dokumentaci
search-placeholder = Hledat
search-button = Hledat
search-results = Výsledky: { $count }
search-no-results = Nic nebylo nalezeno.
search-loading = Hledá se…
search-unavailable = Hledání funguje, když je web obsluhován přes HTTP, ne v souborech otevřených z disku. Všechny události najdete v rejstříku událostí.
search-needs-js = Hledání vyžaduje JavaScript. Rejstřík událostí na domovské stránce obsahuje všechny události.

## Translation status dashboard
status-title = Stav překladu
status-description = Pokrytí překladem a problémy webu { $site } podle jazyků.
status-intro = Jak velká část každého jazyka je přeložena a co v překladech najde `locdoc check`.
status-chart-title = Textové jednotky podle stavu v jednotlivých jazycích
status-translated = Přeloženo
status-untranslated = Stejné jako anglicky
status-stale = Zastaralé
status-missing = Chybí
status-by-locale = Podle jazyka
status-locale = Jazyk
status-coverage = Přeloženo
status-pages = Stránky
status-pages-missing = Chybějící stránky
status-pages-whole = Stránky přeložené jako celek
status-all-findings = Všechna zjištění
rule-missing = Chybí
rule-stale = Zastaralé
rule-untranslated = Nepřeloženo
rule-placeholder = Zástupné symboly
status-details = Všechna pravidla a jednotky
status-check-note = Stejná čísla, jaká hlásí `locdoc check` (zjištění po použití nastavení závažnosti ze site.toml).
status-problem-pages = Stránky s nejvíce zjištěními
status-page = Stránka
status-no-translations = Nesestavují se žádné překlady.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = Obsah
toc-all = Celý obsah
toc-more = { $count } dalších
toc-previous = Předchozí
toc-next = Další
toc-pager = Předchozí a další stránka
