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
