## Page chrome
skip-to-content = Перейти к содержимому
site-home = Главная
language-switcher = Язык
language-unavailable = ещё не переведено
choose-language = Выберите язык
pages-in-locale = Страницы
page-list-title = Все страницы
generated-by = Создано с помощью locdoc

## Translation notices
machine-translated = Эта страница переведена автоматически. Некоторые формулировки могут быть неточными.
show-original = Показать английский оригинал
original-label = Английский оригинал
segment-missing = Ещё не переведено; показано на английском.
segment-stale = Английский текст изменился после перевода.
stale-marker = устарело
translation-status = Переведено { $percent } % этой страницы.
segments-in-english =
    { $count ->
        [one] { $count } фрагмент показан на английском.
        [few] { $count } фрагмента показаны на английском.
       *[many] { $count } фрагментов показаны на английском.
    }
coverage = переведено { $percent } %

## Alerts
alert-note = Примечание
alert-tip = Совет
alert-important = Важно
alert-warning = Предупреждение
alert-caution = Внимание
