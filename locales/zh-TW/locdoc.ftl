## Page chrome
skip-to-content = 跳到主要內容
site-home = 首頁
language-switcher = 語言
language-unavailable = 尚未翻譯
choose-language = 選擇語言
pages-in-locale = 頁面
page-list-title = 所有頁面
generated-by = 使用 locdoc 建置

## Translation notices
machine-translated = 此頁面為機器翻譯。部分措辭可能不精確。
show-original = 顯示英文原文
original-label = 英文原文
segment-missing = 尚未翻譯，以英文顯示。
segment-stale = 翻譯之後，英文文字已變更。
stale-marker = 已過時
translation-status = 此頁面已翻譯 { $percent }%。
segments-in-english = { $count } 個段落以英文顯示。
coverage = 已翻譯 { $percent }%

## Alerts
alert-note = 注意
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 謹慎

## Navigation
site-navigation = 網站
breadcrumbs = 階層連結
all-languages = 所有語言
pager = 上一個和下一個事件
previous-event = 上一個事件
next-event = 下一個事件
link-outside = 不屬於此網站
source-language = 來源語言
suggest-language = 以繁體中文閱讀此文件
page-count = { $count } 個頁面
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = 指南
event-index = 事件索引
event-count = { $count } 個事件
column-id = 識別碼
column-name = 名稱
column-level = 層級
column-keywords = 關鍵字
column-channel = 通道
filter-label = 篩選事件
filter-placeholder = 識別碼、名稱、關鍵字…
all-levels = 所有層級
events-shown = 顯示：{ $shown }/{ $total }
no-events-match = 沒有符合篩選條件的事件。
events-pages = 事件索引分頁
events-page = 第 { $page } 頁
events-page-of = 第 { $page } 頁，共 { $pages } 頁
events-page-previous = 上一頁
events-page-next = 下一頁
events-filter-page = 篩選條件只套用於本頁的事件。
events-search-all = 搜尋所有事件

## Search
search-title = 搜尋
search-label = 搜尋文件
search-placeholder = 搜尋
search-button = 搜尋
search-results = 結果：{ $count }
search-no-results = 沒有結果。
search-loading = 正在搜尋…
search-unavailable = 網站透過 HTTP 提供時才能搜尋，從磁碟開啟的檔案無法搜尋。事件索引列出了所有事件。
search-needs-js = 搜尋需要 JavaScript。首頁上的事件索引列出了所有事件。

## Translation status dashboard
status-title = 翻譯狀態
status-description = { $site } 各語言的翻譯涵蓋率與問題。
status-intro = 每種語言的翻譯比例，以及 `locdoc check` 在翻譯中找到的問題。
status-chart-title = 各語言依狀態區分的文字單元
status-translated = 已翻譯
status-untranslated = 與英文相同
status-stale = 已過時
status-missing = 遺漏
status-by-locale = 依語言
status-locale = 語言
status-coverage = 已翻譯
status-pages = 頁面
status-pages-missing = 遺漏的頁面
status-all-findings = 所有發現項目
rule-missing = 遺漏
rule-stale = 已過時
rule-untranslated = 未翻譯
rule-placeholder = 預留位置
status-details = 所有規則和單元
status-check-note = 與 `locdoc check` 報告的數字相同（套用 site.toml 中的嚴重性設定後的發現項目）。
status-problem-pages = 發現項目最多的頁面
status-page = 頁面
status-no-translations = 沒有正在建置的翻譯。

# Whole-page translations and DocFX code samples
whole-page = 此頁面為整頁翻譯；英文原文可在語言選單中找到。
whole-page-stale = 自此翻譯完成後，英文頁面已有變更；部分內容可能已過時。
code-sample-missing = 程式碼範例不在此網站中
video-link = 影片
status-pages-whole = 整頁翻譯

# Navigation tree
toc-label = 目錄
toc-all = 完整目錄
toc-more = 另外 { $count } 項
toc-previous = 上一頁
toc-next = 下一頁
toc-pager = 上一頁和下一頁
