## Page chrome
skip-to-content = דילוג לתוכן הראשי
site-home = דף הבית
language-switcher = שפה
language-unavailable = עדיין לא תורגם
choose-language = בחירת שפה
pages-in-locale = דפים
page-list-title = כל הדפים
generated-by = נבנה באמצעות locdoc

## Translation notices
machine-translated = דף זה תורגם באופן אוטומטי. ייתכן שחלק מהניסוחים אינם מדויקים.
show-original = הצגת המקור באנגלית
original-label = המקור באנגלית
segment-missing = עדיין לא תורגם; מוצג באנגלית.
segment-stale = הטקסט באנגלית השתנה מאז שתורגם.
stale-marker = לא עדכני
translation-status = { $percent }% מדף זה תורגמו.
segments-in-english =
    { $count ->
        [one] קטע אחד מוצג באנגלית.
        [two] שני קטעים מוצגים באנגלית.
       *[other] { $count } קטעים מוצגים באנגלית.
    }
coverage = { $percent }% תורגמו

## Alerts
alert-note = הערה
alert-tip = עצה
alert-important = חשוב
alert-warning = אזהרה
alert-caution = זהירות

## Navigation
site-navigation = אתר
breadcrumbs = נתיב ניווט
all-languages = כל השפות
pager = האירוע הקודם והבא
previous-event = האירוע הקודם
next-event = האירוע הבא
link-outside = לא חלק מאתר זה
source-language = שפת המקור
suggest-language = קריאת התיעוד בעברית
page-count =
    { $count ->
        [one] דף אחד
        [two] שני דפים
       *[other] { $count } דפים
    }
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = מדריכים
event-index = אינדקס האירועים
event-count =
    { $count ->
        [one] אירוע אחד
        [two] שני אירועים
       *[other] { $count } אירועים
    }
column-id = מזהה
column-name = שם
column-level = רמה
column-keywords = מילות מפתח
column-channel = ערוץ
filter-label = סינון אירועים
filter-placeholder = מזהה, שם, מילת מפתח…
all-levels = כל הרמות
events-shown = מוצגים: { $shown } מתוך { $total }
no-events-match = אין אירוע שתואם למסנן.
events-pages = עמודי אינדקס האירועים
events-page = עמוד { $page }
events-page-of = עמוד { $page } מתוך { $pages }
events-page-previous = העמוד הקודם
events-page-next = העמוד הבא
events-filter-page = המסנן חל רק על האירועים שבעמוד זה.
events-search-all = חיפוש בכל האירועים

## Search
search-title = חיפוש
search-label = חיפוש בתיעוד
search-placeholder = חיפוש
search-button = חיפוש
search-results = תוצאות: { $count }
search-no-results = אין תוצאות.
search-loading = מחפש…
search-unavailable = החיפוש פועל כשהאתר מוגש דרך HTTP, ולא מקבצים שנפתחו מהדיסק. אינדקס האירועים מפרט את כל האירועים.
search-needs-js = החיפוש דורש JavaScript. אינדקס האירועים בדף הבית מפרט את כל האירועים.

## Translation status dashboard
status-title = מצב התרגום
status-description = כיסוי התרגום והבעיות של { $site }, לפי שפה.
status-intro = כמה מכל שפה תורגם, ומה `locdoc check` מוצא בתרגומים.
status-chart-title = יחידות טקסט לפי מצב, לכל שפה
status-translated = תורגם
status-untranslated = זהה לאנגלית
status-stale = לא עדכני
status-missing = חסר
status-by-locale = לפי שפה
status-locale = שפה
status-coverage = תורגם
status-pages = דפים
status-pages-missing = דפים חסרים
status-all-findings = כל הממצאים
rule-missing = חסר
rule-stale = לא עדכני
rule-untranslated = לא תורגם
rule-placeholder = מצייני מיקום
status-details = כל הכללים והיחידות
status-check-note = אותם נתונים ש-`locdoc check` מדווח (ממצאים לאחר הגדרות החומרה ב-site.toml).
status-problem-pages = הדפים עם הכי הרבה ממצאים
status-page = דף
status-no-translations = לא נבנים תרגומים.

# Whole-page translations and DocFX code samples
whole-page = דף זה מתורגם בשלמותו; המקור באנגלית זמין בתפריט השפות.
whole-page-stale = הדף באנגלית השתנה מאז שנעשה תרגום זה; ייתכן שחלקים ממנו אינם עדכניים.
code-sample-missing = דוגמת הקוד אינה באתר זה
video-link = וידאו
status-pages-whole = דפים שתורגמו בשלמותם

# Navigation tree
toc-label = תוכן
toc-all = תוכן העניינים
toc-more = { $count } נוספים
toc-previous = הקודם
toc-next = הבא
toc-pager = העמוד הקודם והבא
