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
