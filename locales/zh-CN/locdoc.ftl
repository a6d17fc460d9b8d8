## Page chrome
skip-to-content = 跳转至主内容
site-home = 主页
language-switcher = 语言
language-unavailable = 尚未翻译
choose-language = 选择语言
pages-in-locale = 页面
page-list-title = 所有页面
generated-by = 使用 locdoc 生成

## Translation notices
machine-translated = 此页面由机器翻译。部分措辞可能不准确。
show-original = 显示英文原文
original-label = 英文原文
segment-missing = 尚未翻译，以英文显示。
segment-stale = 翻译之后，英文文本已更改。
stale-marker = 已过时
translation-status = 此页面已翻译 { $percent }%。
segments-in-english = { $count } 个段落以英文显示。
coverage = 已翻译 { $percent }%

## Alerts
alert-note = 备注
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意

## Navigation
site-navigation = 网站
breadcrumbs = 痕迹导航
all-languages = 所有语言
pager = 上一个和下一个事件
previous-event = 上一个事件
next-event = 下一个事件
link-outside = 不属于此网站
source-language = 源语言
suggest-language = 用简体中文阅读此文档
page-count = { $count } 个页面
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = 指南
event-index = 事件索引
event-count = { $count } 个事件
column-id = ID
column-name = 名称
column-level = 级别
column-keywords = 关键字
column-channel = 通道
filter-label = 筛选事件
filter-placeholder = ID、名称、关键字…
all-levels = 所有级别
events-shown = 显示：{ $shown }/{ $total }
no-events-match = 没有与筛选器匹配的事件。
events-pages = 事件索引分页
events-page = 第 { $page } 页
events-page-of = 第 { $page } 页，共 { $pages } 页
events-page-previous = 上一页
events-page-next = 下一页
events-filter-page = 筛选器仅作用于本页的事件。
events-search-all = 搜索全部事件

## Search
search-title = 搜索
search-label = 搜索文档
search-placeholder = 搜索
search-button = 搜索
search-results = 结果：{ $count }
search-no-results = 无结果。
search-loading = 正在搜索…
search-unavailable = 网站通过 HTTP 提供时才能搜索，从磁盘打开的文件无法搜索。事件索引列出了所有事件。
search-needs-js = 搜索需要 JavaScript。主页上的事件索引列出了所有事件。

## Translation status dashboard
status-title = 翻译状态
status-description = { $site } 各语言的翻译覆盖率和问题。
status-intro = 每种语言的翻译比例，以及 `locdoc check` 在翻译中发现的问题。
status-chart-title = 各语言按状态划分的文本单元
status-translated = 已翻译
status-untranslated = 与英文相同
status-stale = 已过时
status-missing = 缺失
status-by-locale = 按语言
status-locale = 语言
status-coverage = 已翻译
status-pages = 页面
status-pages-missing = 缺失的页面
status-all-findings = 所有发现
rule-missing = 缺失
rule-stale = 已过时
rule-untranslated = 未翻译
rule-placeholder = 占位符
status-details = 所有规则和单元
status-check-note = 与 `locdoc check` 报告的数字相同（应用 site.toml 中的严重性设置后的发现）。
status-problem-pages = 发现最多的页面
status-page = 页面
status-no-translations = 没有正在生成的翻译。

# Whole-page translations and DocFX code samples
whole-page = 此页面为整页翻译；英文原文可在语言菜单中找到。
whole-page-stale = 自此翻译完成以来，英文页面已有更改；部分内容可能已过时。
code-sample-missing = 代码示例不在此站点中
video-link = 视频
status-pages-whole = 整页翻译

# Navigation tree
toc-label = 目录
toc-all = 完整目录
toc-more = 另外 { $count } 项
toc-previous = 上一页
toc-next = 下一页
toc-pager = 上一页和下一页
