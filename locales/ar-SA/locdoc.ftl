## Page chrome
skip-to-content = التخطي إلى المحتوى الرئيسي
site-home = الصفحة الرئيسية
language-switcher = اللغة
language-unavailable = لم تُترجم بعد
choose-language = اختر لغة
pages-in-locale = الصفحات
page-list-title = كل الصفحات
generated-by = أُنشئ باستخدام locdoc

## Translation notices
machine-translated = تُرجمت هذه الصفحة آليًا. قد تكون بعض الصياغات غير دقيقة.
show-original = إظهار النص الإنجليزي الأصلي
original-label = النص الإنجليزي الأصلي
segment-missing = لم يُترجم بعد، ويُعرض باللغة الإنجليزية.
segment-stale = تغيّر النص الإنجليزي منذ ترجمة هذا النص.
stale-marker = قديم
translation-status = تُرجم { $percent }% من هذه الصفحة.
segments-in-english =
    { $count ->
        [zero] لا توجد مقاطع معروضة باللغة الإنجليزية.
        [one] مقطع واحد معروض باللغة الإنجليزية.
        [two] مقطعان معروضان باللغة الإنجليزية.
        [few] { $count } مقاطع معروضة باللغة الإنجليزية.
        [many] { $count } مقطعًا معروضًا باللغة الإنجليزية.
       *[other] { $count } مقطع معروض باللغة الإنجليزية.
    }
coverage = تُرجم { $percent }%

## Alerts
alert-note = ملاحظة
alert-tip = تلميح
alert-important = هام
alert-warning = تحذير
alert-caution = تنبيه

## Navigation
site-navigation = الموقع
breadcrumbs = مسار التنقل
all-languages = كل اللغات
pager = الحدث السابق والتالي
previous-event = الحدث السابق
next-event = الحدث التالي
link-outside = ليس جزءًا من هذا الموقع
source-language = اللغة المصدر
suggest-language = اقرأ هذه الوثائق باللغة العربية
page-count =
    { $count ->
        [zero] لا توجد صفحات
        [one] صفحة واحدة
        [two] صفحتان
        [few] { $count } صفحات
        [many] { $count } صفحة
       *[other] { $count } صفحة
    }
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = الأدلة
event-index = فهرس الأحداث
event-count =
    { $count ->
        [zero] لا توجد أحداث
        [one] حدث واحد
        [two] حدثان
        [few] { $count } أحداث
        [many] { $count } حدثًا
       *[other] { $count } حدث
    }
column-id = المعرّف
column-name = الاسم
column-level = المستوى
column-keywords = الكلمات الأساسية
column-channel = القناة
filter-label = تصفية الأحداث
filter-placeholder = المعرّف، الاسم، كلمة أساسية…
all-levels = كل المستويات
events-shown = المعروض: { $shown } من { $total }
no-events-match = لا يوجد حدث يطابق عامل التصفية.
events-pages = صفحات فهرس الأحداث
events-page = الصفحة { $page }
events-page-of = الصفحة { $page } من { $pages }
events-page-previous = الصفحة السابقة
events-page-next = الصفحة التالية
events-filter-page = يشمل عامل التصفية الأحداث في هذه الصفحة فقط.
events-search-all = البحث في كل الأحداث

## Search
search-title = البحث
search-label = البحث في الوثائق
search-placeholder = بحث
search-button = بحث
search-results = النتائج: { $count }
search-no-results = لا توجد نتائج.
search-loading = جارٍ البحث…
search-unavailable = يعمل البحث عندما يُقدَّم الموقع عبر HTTP، لا من ملفات مفتوحة من القرص. يسرد فهرس الأحداث كل الأحداث.
search-needs-js = يتطلب البحث JavaScript. يسرد فهرس الأحداث في الصفحة الرئيسية كل الأحداث.

## Translation status dashboard
status-title = حالة الترجمة
status-description = نسبة الترجمة والمشكلات في { $site }، حسب اللغة.
status-intro = مقدار ما تُرجم في كل لغة، وما يجده `locdoc check` في الترجمات.
status-chart-title = وحدات النص حسب الحالة، لكل لغة
status-translated = مترجم
status-untranslated = مطابق للإنجليزية
status-stale = قديم
status-missing = مفقود
status-by-locale = حسب اللغة
status-locale = اللغة
status-coverage = مترجم
status-pages = الصفحات
status-pages-missing = الصفحات المفقودة
status-all-findings = كل المشكلات المكتشفة
rule-missing = مفقود
rule-stale = قديم
rule-untranslated = غير مترجم
rule-placeholder = العناصر النائبة
status-details = كل القواعد والوحدات
status-check-note = الأرقام نفسها التي يُبلغ عنها `locdoc check` (المشكلات المكتشفة بعد تطبيق إعدادات الخطورة في site.toml).
status-problem-pages = الصفحات التي بها أكثر المشكلات
status-page = الصفحة
status-no-translations = لا تُنشأ أي ترجمات.

# Whole-page translations and DocFX code samples
whole-page = هذه الصفحة مترجمة بالكامل؛ النص الإنجليزي الأصلي متاح في قائمة اللغات.
whole-page-stale = تغيّرت الصفحة الإنجليزية منذ إعداد هذه الترجمة؛ قد تكون بعض أجزائها قديمة.
code-sample-missing = نموذج التعليمات البرمجية غير موجود في هذا الموقع
video-link = فيديو
status-pages-whole = صفحات مترجمة بالكامل

# Navigation tree
toc-label = المحتويات
toc-all = جدول المحتويات
toc-more = { $count } أخرى
toc-previous = السابق
toc-next = التالي
toc-pager = الصفحة السابقة والتالية
