## Page chrome
skip-to-content = Passa al contenuto principale
site-home = Home
language-switcher = Lingua
language-unavailable = non ancora tradotto
choose-language = Scegli una lingua
pages-in-locale = Pagine
page-list-title = Tutte le pagine
generated-by = Creato con locdoc

## Translation notices
machine-translated = Questa pagina è stata tradotta automaticamente. Alcune espressioni potrebbero essere imprecise.
show-original = Mostra l'originale in inglese
original-label = Originale in inglese
segment-missing = Non ancora tradotto; mostrato in inglese.
segment-stale = Il testo inglese è cambiato dopo la traduzione.
stale-marker = non aggiornato
translation-status = Il { $percent }% di questa pagina è tradotto.
segments-in-english =
    { $count ->
        [one] { $count } passaggio è mostrato in inglese.
       *[other] { $count } passaggi sono mostrati in inglese.
    }
coverage = { $percent }% tradotto

## Alerts
alert-note = Nota
alert-tip = Suggerimento
alert-important = Importante
alert-warning = Avviso
alert-caution = Attenzione

## Navigation
site-navigation = Sito
breadcrumbs = Percorso di navigazione
all-languages = Tutte le lingue
pager = Evento precedente e successivo
previous-event = Evento precedente
next-event = Evento successivo
link-outside = Non fa parte di questo sito
source-language = Lingua di origine
suggest-language = Leggi questa documentazione in italiano
page-count =
    { $count ->
        [one] { $count } pagina
       *[other] { $count } pagine
    }
decimal-separator = ,
percent-value = { $value }%

## Home page and event index
guides = Guide
event-index = Indice degli eventi
event-count =
    { $count ->
        [one] { $count } evento
       *[other] { $count } eventi
    }
column-id = ID
column-name = Nome
column-level = Livello
column-keywords = Parole chiave
column-channel = Canale
filter-label = Filtra eventi
filter-placeholder = ID, nome, parola chiave…
all-levels = Tutti i livelli
events-shown = Visualizzati: { $shown } di { $total }
no-events-match = Nessun evento corrisponde al filtro.
events-pages = Pagine dell’indice degli eventi
events-page = Pagina { $page }
events-page-of = Pagina { $page } di { $pages }
events-page-previous = Pagina precedente
events-page-next = Pagina successiva
events-filter-page = Il filtro riguarda solo gli eventi di questa pagina.
events-search-all = Cerca in tutti gli eventi

## Search
search-title = Ricerca
search-label = Cerca nella documentazione
search-placeholder = Cerca
search-button = Cerca
search-results = Risultati: { $count }
search-no-results = Nessun risultato.
search-loading = Ricerca in corso…
search-unavailable = La ricerca funziona quando il sito è servito tramite HTTP, non da file aperti dal disco. L'indice degli eventi elenca tutti gli eventi.
search-needs-js = La ricerca richiede JavaScript. L'indice degli eventi nella home page elenca tutti gli eventi.

## Translation status dashboard
status-title = Stato della traduzione
status-description = Copertura della traduzione e problemi di { $site }, per lingua.
status-intro = Quanto è tradotto in ogni lingua e cosa trova `locdoc check` nelle traduzioni.
status-chart-title = Unità di testo per stato e lingua
status-translated = Tradotto
status-untranslated = Uguale all'inglese
status-stale = Non aggiornato
status-missing = Mancante
status-by-locale = Per lingua
status-locale = Lingua
status-coverage = Tradotto
status-pages = Pagine
status-pages-missing = Pagine mancanti
status-all-findings = Tutti i rilevamenti
rule-missing = Mancante
rule-stale = Non aggiornato
rule-untranslated = Non tradotto
rule-placeholder = Segnaposto
status-details = Tutte le regole e le unità
status-check-note = Gli stessi dati riportati da `locdoc check` (rilevamenti dopo le impostazioni di gravità di site.toml).
status-problem-pages = Pagine con più rilevamenti
status-page = Pagina
status-no-translations = Nessuna traduzione in fase di generazione.

# Whole-page translations and DocFX code samples
whole-page = Questa pagina è tradotta per intero; l'originale inglese è nel menu delle lingue.
whole-page-stale = La pagina inglese è cambiata da quando è stata fatta questa traduzione; alcune parti potrebbero non essere aggiornate.
code-sample-missing = Esempio di codice non presente in questo sito
video-link = Video
status-pages-whole = Pagine tradotte per intero

# Navigation tree
toc-label = Sommario
toc-all = Sommario completo
toc-more = altri { $count }
toc-previous = Precedente
toc-next = Successivo
toc-pager = Pagina precedente e successiva
