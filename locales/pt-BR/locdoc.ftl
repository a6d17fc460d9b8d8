## Page chrome
skip-to-content = Pular para o conteúdo
site-home = Início
language-switcher = Idioma
language-unavailable = ainda não traduzido
choose-language = Escolha um idioma
pages-in-locale = Páginas
page-list-title = Todas as páginas
generated-by = Criado com locdoc

## Translation notices
machine-translated = Esta página foi traduzida automaticamente. Algumas frases podem ser imprecisas.
whole-page = Esta página foi traduzida por inteiro; o original em inglês está no menu de idiomas.
whole-page-stale = A página em inglês mudou desde que esta tradução foi feita; partes dela podem estar desatualizadas.
show-original = Mostrar o original em inglês
original-label = Original em inglês
segment-missing = Ainda não traduzido; exibido em inglês.
segment-stale = O texto em inglês mudou desde esta tradução.
stale-marker = desatualizado
translation-status = { $percent }% desta página está traduzida.
segments-in-english =
    { $count ->
        [one] { $count } trecho é exibido em inglês.
       *[other] { $count } trechos são exibidos em inglês.
    }
coverage = { $percent }% traduzido

## Alerts
alert-note = Observação
alert-tip = Dica
alert-important = Importante
alert-warning = Aviso
alert-caution = Cuidado

## Navigation
site-navigation = Site
breadcrumbs = Trilha de navegação
all-languages = Todos os idiomas
pager = Evento anterior e próximo evento
previous-event = Evento anterior
next-event = Próximo evento
link-outside = Fora deste site
code-sample-missing = Exemplo de código fora deste site
video-link = Vídeo
source-language = Idioma de origem
suggest-language = Ler esta documentação em português
page-count =
    { $count ->
        [one] { $count } página
       *[other] { $count } páginas
    }
decimal-separator = ,
percent-value = { $value }%

## Home page and event index
guides = Artigos
event-index = Índice de eventos
event-count =
    { $count ->
        [one] { $count } evento
       *[other] { $count } eventos
    }
column-id = ID
column-name = Nome
column-level = Nível
column-keywords = Palavras-chave
column-channel = Canal
filter-label = Filtrar eventos
filter-placeholder = ID, nome, palavra-chave…
all-levels = Todos os níveis
events-shown = Exibindo { $shown } de { $total }
no-events-match = Nenhum evento corresponde ao filtro.
events-pages = Páginas do índice de eventos
events-page = Página { $page }
events-page-of = Página { $page } de { $pages }
events-page-previous = Página anterior
events-page-next = Próxima página
events-filter-page = O filtro abrange apenas os eventos desta página.
events-search-all = Pesquisar em todos os eventos

## Search
search-title = Pesquisa
search-label = Pesquisar na documentação
search-placeholder = Pesquisar
search-button = Pesquisar
search-results = Resultados: { $count }
search-no-results = Nenhum resultado.
search-loading = Pesquisando…
search-unavailable = A pesquisa funciona quando o site é servido por HTTP, não em arquivos abertos do disco. O índice de eventos lista todos os eventos.
search-needs-js = A pesquisa precisa de JavaScript. O índice de eventos na página inicial lista todos os eventos.

## Translation status dashboard
status-title = Status da tradução
status-description = Cobertura da tradução e problemas de { $site }, por idioma.
status-intro = Quanto de cada idioma está traduzido e o que o `locdoc check` encontra nas traduções.
status-chart-title = Unidades de texto por status, em cada idioma
status-translated = Traduzido
status-untranslated = Igual ao inglês
status-stale = Desatualizado
status-missing = Ausente
status-by-locale = Por idioma
status-locale = Idioma
status-coverage = Traduzido
status-pages = Páginas
status-pages-missing = Páginas ausentes
status-pages-whole = Páginas traduzidas por inteiro
status-all-findings = Todas as ocorrências
rule-missing = Ausente
rule-stale = Desatualizado
rule-untranslated = Não traduzido
rule-placeholder = Espaços reservados
status-details = Todas as regras e unidades
status-check-note = Os mesmos números que o `locdoc check` informa (ocorrências após as configurações de gravidade do site.toml).
status-problem-pages = Páginas com mais ocorrências
status-page = Página
status-no-translations = Nenhuma tradução está sendo gerada.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = Sumário
toc-all = Sumário completo
toc-more = mais { $count }
toc-previous = Anterior
toc-next = Próxima
toc-pager = Página anterior e próxima
