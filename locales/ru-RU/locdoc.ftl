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
whole-page = Эта страница переведена целиком; английский оригинал доступен в меню языков.
whole-page-stale = Английская страница изменилась после того, как был сделан этот перевод; некоторые его части могут быть устаревшими.
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

## Navigation
site-navigation = Сайт
breadcrumbs = Навигационная цепочка
all-languages = Все языки
pager = Предыдущее и следующее событие
previous-event = Предыдущее событие
next-event = Следующее событие
link-outside = Не входит в этот сайт
code-sample-missing = Пример кода не входит в этот сайт
video-link = Видео
source-language = Исходный язык
suggest-language = Читать эту документацию на русском
page-count =
    { $count ->
        [one] { $count } страница
        [few] { $count } страницы
       *[many] { $count } страниц
    }
decimal-separator = ,
percent-value = { $value } %

## Home page and event index
guides = Статьи
event-index = Указатель событий
event-count =
    { $count ->
        [one] { $count } событие
        [few] { $count } события
       *[many] { $count } событий
    }
column-id = ИД
column-name = Имя
column-level = Уровень
column-keywords = Ключевые слова
column-channel = Канал
filter-label = Фильтр событий
filter-placeholder = ИД, имя, ключевое слово…
all-levels = Все уровни
events-shown = Показано: { $shown } из { $total }
no-events-match = Нет событий, соответствующих фильтру.
events-pages = Страницы указателя событий
events-page = Страница { $page }
events-page-of = Страница { $page } из { $pages }
events-page-previous = Предыдущая страница
events-page-next = Следующая страница
events-filter-page = Фильтр охватывает только события на этой странице.
events-search-all = Искать среди всех событий

## Search
search-title = Поиск
search-label = Поиск по документации
search-placeholder = Поиск
search-button = Найти
search-results = Результаты: { $count }
search-no-results = Ничего не найдено.
search-loading = Идёт поиск…
search-unavailable = Поиск работает, когда сайт открыт по HTTP, а не из файлов на диске. Все события есть в указателе событий.
search-needs-js = Для поиска нужен JavaScript. Указатель событий на главной странице содержит все события.

## Translation status dashboard
status-title = Состояние перевода
status-description = Полнота перевода и проблемы сайта { $site } по языкам.
status-intro = Какая часть каждого языка переведена и что находит в переводах `locdoc check`.
status-chart-title = Фрагменты текста по состоянию для каждого языка
status-translated = Переведено
status-untranslated = Как в английском
status-stale = Устарело
status-missing = Отсутствует
status-by-locale = По языкам
status-locale = Язык
status-coverage = Переведено
status-pages = Страницы
status-pages-missing = Отсутствующие страницы
status-pages-whole = Страницы, переведённые целиком
status-all-findings = Все замечания
rule-missing = Нет перевода
rule-stale = Устарело
rule-untranslated = Не переведено
rule-placeholder = Заполнители
status-details = Все правила и фрагменты
status-check-note = Те же цифры, что сообщает `locdoc check` (замечания с учётом настроек серьёзности из site.toml).
status-problem-pages = Страницы с наибольшим числом замечаний
status-page = Страница
status-no-translations = Переводы не собираются.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = Содержание
toc-all = Полное содержание
toc-more = ещё { $count }
toc-previous = Назад
toc-next = Далее
toc-pager = Предыдущая и следующая страница
