## Page chrome
skip-to-content = Ir al contenido principal
site-home = Inicio
language-switcher = Idioma
language-unavailable = aún sin traducir
choose-language = Elija un idioma
pages-in-locale = Páginas
page-list-title = Todas las páginas
generated-by = Creado con locdoc

## Translation notices
machine-translated = Esta página se ha traducido automáticamente. Es posible que algunas expresiones no sean precisas.
show-original = Mostrar el original en inglés
original-label = Original en inglés
segment-missing = Aún sin traducir; se muestra en inglés.
segment-stale = El texto en inglés ha cambiado desde que se tradujo.
stale-marker = desactualizado
translation-status = El { $percent } % de esta página está traducido.
segments-in-english =
    { $count ->
        [one] { $count } fragmento se muestra en inglés.
       *[other] { $count } fragmentos se muestran en inglés.
    }
coverage = { $percent } % traducido

## Alerts
alert-note = Nota
alert-tip = Sugerencia
alert-important = Importante
alert-warning = Advertencia
alert-caution = Precaución

## Navigation
site-navigation = Sitio
breadcrumbs = Ruta de navegación
all-languages = Todos los idiomas
pager = Evento anterior y siguiente
previous-event = Evento anterior
next-event = Evento siguiente
link-outside = No forma parte de este sitio
source-language = Idioma de origen
suggest-language = Leer esta documentación en español
page-count =
    { $count ->
        [one] { $count } página
       *[other] { $count } páginas
    }
decimal-separator = ,
percent-value = { $value } %

## Home page and event index
guides = Guías
event-index = Índice de eventos
event-count =
    { $count ->
        [one] { $count } evento
       *[other] { $count } eventos
    }
column-id = Id.
column-name = Nombre
column-level = Nivel
column-keywords = Palabras clave
column-channel = Canal
filter-label = Filtrar eventos
filter-placeholder = Id., nombre, palabra clave…
all-levels = Todos los niveles
events-shown = Mostrados: { $shown } de { $total }
no-events-match = Ningún evento coincide con el filtro.
events-pages = Páginas del índice de eventos
events-page = Página { $page }
events-page-of = Página { $page } de { $pages }
events-page-previous = Página anterior
events-page-next = Página siguiente
events-filter-page = El filtro solo abarca los eventos de esta página.
events-search-all = Buscar en todos los eventos

## Search
search-title = Búsqueda
search-label = Buscar en la documentación
search-placeholder = Buscar
search-button = Buscar
search-results = Resultados: { $count }
search-no-results = No hay resultados.
search-loading = Buscando…
search-unavailable = La búsqueda funciona cuando el sitio se sirve por HTTP, no desde archivos abiertos en el disco. El índice de eventos enumera todos los eventos.
search-needs-js = La búsqueda requiere JavaScript. El índice de eventos de la página de inicio enumera todos los eventos.

## Translation status dashboard
status-title = Estado de la traducción
status-description = Cobertura de la traducción y problemas de { $site }, por idioma.
status-intro = Cuánto hay traducido en cada idioma y qué encuentra `locdoc check` en las traducciones.
status-chart-title = Unidades de texto por estado e idioma
status-translated = Traducido
status-untranslated = Igual que en inglés
status-stale = Desactualizado
status-missing = Falta
status-by-locale = Por idioma
status-locale = Idioma
status-coverage = Traducido
status-pages = Páginas
status-pages-missing = Páginas que faltan
status-all-findings = Todos los hallazgos
rule-missing = Falta
rule-stale = Desactualizado
rule-untranslated = Sin traducir
rule-placeholder = Marcadores de posición
status-details = Todas las reglas y unidades
status-check-note = Las mismas cifras que notifica `locdoc check` (hallazgos según la configuración de gravedad de site.toml).
status-problem-pages = Páginas con más hallazgos
status-page = Página
status-no-translations = No se está generando ninguna traducción.

# Whole-page translations and DocFX code samples
whole-page = Esta página está traducida en su totalidad; el original en inglés está en el menú de idiomas.
whole-page-stale = La página en inglés ha cambiado desde que se hizo esta traducción; algunas partes pueden estar desactualizadas.
code-sample-missing = Ejemplo de código no incluido en este sitio
video-link = Vídeo
status-pages-whole = Páginas traducidas completas

# Navigation tree
toc-label = Contenido
toc-all = Tabla de contenido
toc-more = { $count } más
toc-previous = Anterior
toc-next = Siguiente
toc-pager = Página anterior y siguiente
