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
