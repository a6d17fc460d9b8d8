## Page chrome
skip-to-content = 주 콘텐츠로 건너뛰기
site-home = 홈
language-switcher = 언어
language-unavailable = 아직 번역되지 않음
choose-language = 언어 선택
pages-in-locale = 페이지
page-list-title = 모든 페이지
generated-by = locdoc으로 빌드됨

## Translation notices
machine-translated = 이 페이지는 기계 번역되었습니다. 일부 표현이 정확하지 않을 수 있습니다.
show-original = 영어 원문 표시
original-label = 영어 원문
segment-missing = 아직 번역되지 않아 영어로 표시됩니다.
segment-stale = 번역한 후 영어 텍스트가 변경되었습니다.
stale-marker = 오래됨
translation-status = 이 페이지의 { $percent }%가 번역되었습니다.
segments-in-english = { $count }개 구절이 영어로 표시됩니다.
coverage = { $percent }% 번역됨

## Alerts
alert-note = 참고
alert-tip = 팁
alert-important = 중요
alert-warning = 경고
alert-caution = 주의

## Navigation
site-navigation = 사이트
breadcrumbs = 이동 경로
all-languages = 모든 언어
pager = 이전 및 다음 이벤트
previous-event = 이전 이벤트
next-event = 다음 이벤트
link-outside = 이 사이트에 포함되지 않음
source-language = 원본 언어
suggest-language = 이 설명서를 한국어로 읽기
page-count = { $count }개 페이지
decimal-separator = .
percent-value = { $value }%

## Home page and event index
guides = 가이드
event-index = 이벤트 색인
event-count = 이벤트 { $count }개
column-id = ID
column-name = 이름
column-level = 수준
column-keywords = 키워드
column-channel = 채널
filter-label = 이벤트 필터링
filter-placeholder = ID, 이름, 키워드…
all-levels = 모든 수준
events-shown = 표시됨: { $total }개 중 { $shown }개
no-events-match = 필터와 일치하는 이벤트가 없습니다.
events-pages = 이벤트 색인 페이지
events-page = { $page }페이지
events-page-of = { $pages }페이지 중 { $page }페이지
events-page-previous = 이전 페이지
events-page-next = 다음 페이지
events-filter-page = 필터는 이 페이지의 이벤트에만 적용됩니다.
events-search-all = 모든 이벤트 검색

## Search
search-title = 검색
search-label = 설명서 검색
search-placeholder = 검색
search-button = 검색
search-results = 결과: { $count }개
search-no-results = 결과가 없습니다.
search-loading = 검색 중…
search-unavailable = 검색은 사이트가 HTTP로 제공될 때 작동하며, 디스크에서 연 파일에서는 작동하지 않습니다. 이벤트 색인에 모든 이벤트가 나열되어 있습니다.
search-needs-js = 검색하려면 JavaScript가 필요합니다. 홈 페이지의 이벤트 색인에 모든 이벤트가 나열되어 있습니다.

## Translation status dashboard
status-title = 번역 상태
status-description = 언어별 { $site }의 번역률 및 문제입니다.
status-intro = 각 언어의 번역 비율과 `locdoc check`가 번역에서 찾은 내용입니다.
status-chart-title = 언어별 상태에 따른 텍스트 단위
status-translated = 번역됨
status-untranslated = 영어와 동일
status-stale = 오래됨
status-missing = 누락됨
status-by-locale = 언어별
status-locale = 언어
status-coverage = 번역됨
status-pages = 페이지
status-pages-missing = 누락된 페이지
status-all-findings = 모든 결과
rule-missing = 누락됨
rule-stale = 오래됨
rule-untranslated = 번역되지 않음
rule-placeholder = 자리 표시자
status-details = 모든 규칙 및 단위
status-check-note = `locdoc check`가 보고하는 것과 같은 수치입니다(site.toml의 심각도 설정을 적용한 후의 결과).
status-problem-pages = 결과가 가장 많은 페이지
status-page = 페이지
status-no-translations = 빌드 중인 번역이 없습니다.

# Whole-page translations and DocFX code samples
whole-page = 이 페이지는 전체가 번역되었습니다. 영어 원문은 언어 메뉴에서 볼 수 있습니다.
whole-page-stale = 이 번역이 만들어진 후 영어 페이지가 변경되었습니다. 일부 내용이 최신이 아닐 수 있습니다.
code-sample-missing = 이 사이트에 없는 코드 샘플
video-link = 동영상
status-pages-whole = 전체 페이지 번역

# Navigation tree
toc-label = 목차
toc-all = 전체 목차
toc-more = { $count }개 더 보기
toc-previous = 이전
toc-next = 다음
toc-pager = 이전 및 다음 페이지
