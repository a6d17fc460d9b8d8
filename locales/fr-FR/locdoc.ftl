## Page chrome
skip-to-content = Passer au contenu principal
site-home = Accueil
language-switcher = Langue
language-unavailable = pas encore traduit
choose-language = Choisir une langue
pages-in-locale = Pages
page-list-title = Toutes les pages
generated-by = Créé avec locdoc

## Translation notices
machine-translated = Cette page a été traduite automatiquement. Certaines formulations peuvent être imprécises.
show-original = Afficher l’original en anglais
original-label = Original en anglais
segment-missing = Pas encore traduit ; affiché en anglais.
segment-stale = Le texte anglais a changé depuis cette traduction.
stale-marker = obsolète
translation-status = { $percent } % de cette page est traduit.
segments-in-english =
    { $count ->
        [one] { $count } passage est affiché en anglais.
       *[other] { $count } passages sont affichés en anglais.
    }
coverage = { $percent } % traduit

## Alerts
alert-note = Remarque
alert-tip = Conseil
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention

## Navigation
site-navigation = Site
breadcrumbs = Fil d’Ariane
all-languages = Toutes les langues
pager = Événement précédent et suivant
previous-event = Événement précédent
next-event = Événement suivant
link-outside = Ne fait pas partie de ce site
source-language = Langue source
suggest-language = Lire cette documentation en français
page-count =
    { $count ->
        [one] { $count } page
       *[other] { $count } pages
    }
decimal-separator = ,
percent-value = { $value } %

## Home page and event index
guides = Guides
event-index = Index des événements
event-count =
    { $count ->
        [one] { $count } événement
       *[other] { $count } événements
    }
column-id = ID
column-name = Nom
column-level = Niveau
column-keywords = Mots clés
column-channel = Canal
filter-label = Filtrer les événements
filter-placeholder = ID, nom, mot clé…
all-levels = Tous les niveaux
events-shown = Affichés : { $shown } sur { $total }
no-events-match = Aucun événement ne correspond au filtre.
events-pages = Pages de l’index des événements
events-page = Page { $page }
events-page-of = Page { $page } sur { $pages }
events-page-previous = Page précédente
events-page-next = Page suivante
events-filter-page = Le filtre ne porte que sur les événements de cette page.
events-search-all = Rechercher dans tous les événements

## Search
search-title = Recherche
search-label = Rechercher dans la documentation
search-placeholder = Rechercher
search-button = Rechercher
search-results = Résultats : { $count }
search-no-results = Aucun résultat.
search-loading = Recherche en cours…
search-unavailable = La recherche fonctionne quand le site est servi par HTTP, pas depuis des fichiers ouverts sur le disque. L’index des événements répertorie tous les événements.
search-needs-js = La recherche nécessite JavaScript. L’index des événements de la page d’accueil répertorie tous les événements.

## Translation status dashboard
status-title = État de la traduction
status-description = Couverture de traduction et problèmes de { $site }, par langue.
status-intro = La part traduite de chaque langue, et ce que `locdoc check` trouve dans les traductions.
status-chart-title = Unités de texte par état, par langue
status-translated = Traduit
status-untranslated = Identique à l’anglais
status-stale = Obsolète
status-missing = Manquant
status-by-locale = Par langue
status-locale = Langue
status-coverage = Traduit
status-pages = Pages
status-pages-missing = Pages manquantes
status-all-findings = Tous les constats
rule-missing = Manquant
rule-stale = Obsolète
rule-untranslated = Non traduit
rule-placeholder = Espaces réservés
status-details = Toutes les règles et unités
status-check-note = Les mêmes chiffres que ceux de `locdoc check` (constats après les réglages de gravité de site.toml).
status-problem-pages = Pages ayant le plus de constats
status-page = Page
status-no-translations = Aucune traduction n’est générée.

# Whole-page translations and DocFX code samples
whole-page = Cette page est traduite dans son ensemble ; l’original anglais se trouve dans le menu des langues.
whole-page-stale = La page anglaise a changé depuis cette traduction ; certaines parties peuvent être obsolètes.
code-sample-missing = Exemple de code absent de ce site
video-link = Vidéo
status-pages-whole = Pages traduites en entier

# Navigation tree
toc-label = Sommaire
toc-all = Table des matières
toc-more = { $count } de plus
toc-previous = Précédent
toc-next = Suivant
toc-pager = Page précédente et suivante
