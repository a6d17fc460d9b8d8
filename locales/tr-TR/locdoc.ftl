## Page chrome
skip-to-content = İçeriğe geç
site-home = Ana sayfa
language-switcher = Dil
language-unavailable = henüz çevrilmedi
choose-language = Bir dil seçin
pages-in-locale = Sayfalar
page-list-title = Tüm sayfalar
generated-by = locdoc ile oluşturuldu

## Translation notices
machine-translated = Bu sayfa makine tarafından çevrilmiştir. Bazı ifadeler tam doğru olmayabilir.
whole-page = Bu sayfa bir bütün olarak çevrilmiştir; İngilizce asıl metin dil menüsündedir.
whole-page-stale = İngilizce sayfa bu çeviri yapıldıktan sonra değişti; çevirinin bazı bölümleri güncel olmayabilir.
show-original = İngilizce aslını göster
original-label = İngilizce asıl metin
segment-missing = Henüz çevrilmedi; İngilizce gösteriliyor.
segment-stale = İngilizce metin bu çeviriden sonra değişti.
stale-marker = güncel değil
translation-status = Bu sayfanın %{ $percent } kadarı çevrildi.
segments-in-english = { $count } bölüm İngilizce gösteriliyor.
coverage = %{ $percent } çevrildi

## Alerts
alert-note = Not
alert-tip = İpucu
alert-important = Önemli
alert-warning = Uyarı
alert-caution = Dikkat

## Navigation
site-navigation = Site
breadcrumbs = İçerik yolu
all-languages = Tüm diller
pager = Önceki ve sonraki olay
previous-event = Önceki olay
next-event = Sonraki olay
link-outside = Bu sitenin parçası değil
code-sample-missing = Kod örneği bu sitenin parçası değil
video-link = Video
source-language = Kaynak dil
suggest-language = Bu belgeleri Türkçe okuyun
page-count = { $count } sayfa
decimal-separator = ,
percent-value = %{ $value }

## Home page and event index
guides = Makaleler
event-index = Olay dizini
event-count = { $count } olay
column-id = Kimlik
column-name = Ad
column-level = Düzey
column-keywords = Anahtar sözcükler
column-channel = Kanal
filter-label = Olayları filtrele
filter-placeholder = Kimlik, ad, anahtar sözcük…
all-levels = Tüm düzeyler
events-shown = Gösterilen: { $shown } / { $total }
no-events-match = Filtreyle eşleşen olay yok.
events-pages = Olay dizini sayfaları
events-page = Sayfa { $page }
events-page-of = Sayfa { $page } / { $pages }
events-page-previous = Önceki sayfa
events-page-next = Sonraki sayfa
events-filter-page = Filtre yalnızca bu sayfadaki olayları kapsar.
events-search-all = Tüm olaylarda ara

## Search
search-title = Arama
search-label = Belgelerde ara
search-placeholder = Ara
search-button = Ara
search-results = Sonuçlar: { $count }
search-no-results = Sonuç bulunamadı.
search-loading = Aranıyor…
search-unavailable = Arama, site HTTP üzerinden sunulduğunda çalışır; diskten açılan dosyalarda çalışmaz. Tüm olaylar olay dizininde listelenir.
search-needs-js = Arama için JavaScript gerekir. Ana sayfadaki olay dizini tüm olayları listeler.

## Translation status dashboard
status-title = Çeviri durumu
status-description = { $site } için dillere göre çeviri kapsamı ve sorunlar.
status-intro = Her dilin ne kadarının çevrildiği ve `locdoc check` komutunun çevirilerde neler bulduğu.
status-chart-title = Her dil için duruma göre metin birimleri
status-translated = Çevrildi
status-untranslated = İngilizceyle aynı
status-stale = Güncel değil
status-missing = Eksik
status-by-locale = Dile göre
status-locale = Dil
status-coverage = Çevrildi
status-pages = Sayfalar
status-pages-missing = Eksik sayfalar
status-pages-whole = Bütün olarak çevrilen sayfalar
status-all-findings = Tüm bulgular
rule-missing = Eksik
rule-stale = Güncel değil
rule-untranslated = Çevrilmemiş
rule-placeholder = Yer tutucular
status-details = Tüm kurallar ve birimler
status-check-note = `locdoc check` komutunun bildirdiği sayıların aynısı (site.toml dosyasındaki önem düzeyi ayarlarından sonraki bulgular).
status-problem-pages = En çok bulgu içeren sayfalar
status-page = Sayfa
status-no-translations = Hiçbir çeviri oluşturulmuyor.

## The navigation tree (toc.yml): sidebar, contents page, pager in tree order
toc-label = İçindekiler
toc-all = Tüm içindekiler
toc-more = { $count } tane daha
toc-previous = Önceki
toc-next = Sonraki
toc-pager = Önceki ve sonraki sayfa
