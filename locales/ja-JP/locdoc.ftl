## Page chrome
skip-to-content = メイン コンテンツにスキップ
site-home = ホーム
language-switcher = 言語
language-unavailable = 未翻訳
choose-language = 言語の選択
pages-in-locale = ページ
page-list-title = すべてのページ
generated-by = locdoc で作成

## Translation notices
machine-translated = このページは機械翻訳されています。一部の表現が正確でない場合があります。
show-original = 英語の原文を表示
original-label = 英語の原文
segment-missing = まだ翻訳されていないため、英語で表示しています。
segment-stale = 翻訳後に英語のテキストが変更されました。
stale-marker = 古い翻訳
translation-status = このページの { $percent }% が翻訳されています。
segments-in-english = { $count } 個の箇所を英語で表示しています。
coverage = { $percent }% 翻訳済み

## Alerts
alert-note = 注
alert-tip = ヒント
alert-important = 重要
alert-warning = 警告
alert-caution = 注意

## Navigation
site-navigation = サイト
breadcrumbs = 階層リンク
all-languages = すべての言語
pager = 前後のイベント
previous-event = 前のイベント
next-event = 次のイベント
link-outside = このサイトには含まれていません
source-language = ソース言語
suggest-language = このドキュメントを日本語で読む
page-count = { $count } ページ
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = ガイド
event-index = イベント インデックス
event-count = { $count } 件のイベント
column-id = ID
column-name = 名前
column-level = レベル
column-keywords = キーワード
column-channel = チャネル
filter-label = イベントのフィルター
filter-placeholder = ID、名前、キーワード…
all-levels = すべてのレベル
events-shown = 表示: { $shown } / { $total } 件
no-events-match = フィルターに一致するイベントはありません。
events-pages = イベント インデックスのページ
events-page = { $page } ページ
events-page-of = { $page } / { $pages } ページ
events-page-previous = 前のページ
events-page-next = 次のページ
events-filter-page = フィルターはこのページのイベントのみが対象です。
events-search-all = すべてのイベントを検索

## Search
search-title = 検索
search-label = ドキュメントの検索
search-placeholder = 検索
search-button = 検索
search-results = 結果: { $count } 件
search-no-results = 結果はありません。
search-loading = 検索しています…
search-unavailable = 検索は、サイトが HTTP で提供されているときに機能します。ディスクから開いたファイルでは機能しません。イベント インデックスにはすべてのイベントが一覧表示されます。
search-needs-js = 検索には JavaScript が必要です。ホーム ページのイベント インデックスにはすべてのイベントが一覧表示されます。

## Translation status dashboard
status-title = 翻訳の状態
status-description = { $site } の言語ごとの翻訳率と問題。
status-intro = 各言語の翻訳済みの割合と、`locdoc check` が翻訳で検出した内容です。
status-chart-title = 言語ごとの状態別テキスト単位
status-translated = 翻訳済み
status-untranslated = 英語と同じ
status-stale = 古い
status-missing = 欠落
status-by-locale = 言語別
status-locale = 言語
status-coverage = 翻訳済み
status-pages = ページ
status-pages-missing = 欠落しているページ
status-all-findings = すべての検出結果
rule-missing = 欠落
rule-stale = 古い
rule-untranslated = 未翻訳
rule-placeholder = プレースホルダー
status-details = すべてのルールと単位
status-check-note = `locdoc check` が報告するものと同じ数値です (site.toml の重大度設定を適用した後の検出結果)。
status-problem-pages = 検出結果が最も多いページ
status-page = ページ
status-no-translations = ビルド対象の翻訳はありません。

# Whole-page translations and DocFX code samples
whole-page = このページは全体が翻訳されています。英語の原文は言語メニューから表示できます。
whole-page-stale = この翻訳の作成後に英語のページが変更されました。一部の内容が古くなっている可能性があります。
code-sample-missing = このサイトにないコード サンプル
video-link = ビデオ
status-pages-whole = ページ全体の翻訳

# Navigation tree
toc-label = 目次
toc-all = 目次全体
toc-more = ほか { $count } 件
toc-previous = 前へ
toc-next = 次へ
toc-pager = 前後のページ
