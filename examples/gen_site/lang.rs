//! Languages: the locale list, the UI words the real corpus translates the
//! same way on every page, and a deterministic pseudo-translation of free
//! text that gives translated pages the byte widths of the real thing
//! (diacritics, Cyrillic, CJK) while leaving alone what translators leave
//! alone (code, identifiers, numbers, placeholders, link targets, include
//! tokens, xrefs, HTML entities).

/// The source locale.
pub const SOURCE: &str = "en-US";

/// `(code, name in its own language)`. The first five are the corpus'
/// locales; `--locales N` takes the first N.
pub const LOCALES: [(&str, &str); 12] = [
    ("cs-CZ", "Čeština"),
    ("pl-PL", "Polski"),
    ("pt-BR", "Português (Brasil)"),
    ("ru-RU", "Русский"),
    ("tr-TR", "Türkçe"),
    ("de-DE", "Deutsch"),
    ("fr-FR", "Français"),
    ("ja-JP", "日本語"),
    ("es-ES", "Español"),
    ("it-IT", "Italiano"),
    ("ko-KR", "한국어"),
    ("zh-CN", "中文(简体)"),
];

pub fn name_of(code: &str) -> &'static str {
    if code == SOURCE {
        return "English";
    }
    LOCALES.iter().find(|(c, _)| *c == code).map_or("?", |(_, n)| n)
}

/// UI words as the corpus translates them (the most common translation per
/// locale, measured over `shared/corpus`), for cs-CZ, pl-PL, pt-BR, ru-RU,
/// tr-TR. Identical to the English where the corpus leaves them in English
/// (tr-TR `Description` and `Level`, ru-RU `Verbose`): those are the
/// natural "untranslated" segments. Other locales pseudo-translate them.
const FIXED: &[(&str, [&str; 5])] = &[
    (
        "Properties",
        ["Vlastnosti", "Właściwości", "Propriedades", "Свойства", "Özellikler"],
    ),
    ("Description", ["Popis", "Opis", "Descrição", "Описание", "Description"]),
    ("Message", ["Zpráva", "Komunikat", "Mensagem", "Сообщение", "İleti"]),
    (
        "Details",
        [
            "Podrobnosti",
            "Szczegóły",
            "Detalhes",
            "Подробные сведения",
            "Ayrıntılar",
        ],
    ),
    ("ID", ["ID", "Identyfikator", "ID", "ID", "ID"]),
    (
        "Keywords",
        [
            "klíčová slova",
            "słowa kluczowe",
            "Palavras-chave",
            "Ключевые слова",
            "Anahtar sözcükler",
        ],
    ),
    ("Level", ["úroveň", "Poziom", "Nível", "Уровень", "Level"]),
    ("Channel", ["Kanál", "Kanał", "Canal", "Канал", "Kanal"]),
    ("Error", ["Chyba", "Błąd", "Erro", "Ошибка", "Hata"]),
    (
        "Warning",
        ["Upozornění", "Ostrzeżenie", "Aviso", "Предупреждение", "Uyarı"],
    ),
    (
        "Information",
        ["Informace o", "Informacje", "Informações", "Сведения", "Bilgi"],
    ),
    ("Verbose", ["Podrobnosti", "Pełny", "Detalhado", "Verbose", "Ayrıntılı"]),
    ("Critical", ["Kritická", "Krytyczny", "Crítico", "Critical", "Kritik"]),
    (
        "LogAlways",
        [
            "LogAlways",
            "LogAlways",
            "LogAlways",
            "LogAlways",
            "Günlüğe kaydetme her zaman",
        ],
    ),
    (
        "Data Item Name",
        [
            "Název položky dat",
            "Nazwa elementu danych",
            "Nome do item de dados",
            "Имя элемента данных",
            "Veri öğesi adı",
        ],
    ),
    (
        "Data Item Type",
        [
            "Datový typ položky",
            "Typ elementu danych",
            "Tipo de item de dados",
            "Тип элемента данных",
            "Veri öğesi türü",
        ],
    ),
    (
        "Event ID",
        [
            "ID události",
            "Identyfikator zdarzenia",
            "ID do evento",
            "Идентификатор события",
            "Olay Kimliği",
        ],
    ),
    (
        "Event Level",
        [
            "Úroveň události",
            "Poziom zdarzenia",
            "Evento em nível",
            "Уровень события",
            "Olay düzeyi",
        ],
    ),
    (
        "Event Message",
        [
            "Zpráva události",
            "Komunikat zdarzenia",
            "Mensagem de evento",
            "Сообщение о событии",
            "Olay Iletisi",
        ],
    ),
    (
        "Event Reference",
        [
            "Odkaz na událost",
            "Odwołanie do zdarzenia",
            "Referência de eventos",
            "Ссылка на событие",
            "Olay başvurusu",
        ],
    ),
    // The corpus' one NBSP in cs-CZ is in this heading.
    (
        "In This Section",
        [
            "V\u{a0}tomto oddílu",
            "W tej sekcji",
            "Nesta seção",
            "В этом разделе",
            "Bu Bölümde",
        ],
    ),
    (
        "See also",
        ["Viz také", "Zobacz też", "Confira também", "См. также", "Ayrıca bkz."],
    ),
    (
        "Infrastructure",
        [
            "Infrastruktura",
            "Infrastruktura",
            "Infraestrutura",
            "Инфраструктура",
            "Altyapı",
        ],
    ),
    (
        "Troubleshooting",
        [
            "Poradce při potížích",
            "Rozwiązywanie problemów",
            "Solução de problemas",
            "Устранение неполадок",
            "Sorun giderme",
        ],
    ),
    ("Events", ["Události", "Zdarzenia", "Eventos", "События", "Olaylar"]),
];

pub fn fixed(term: &str, locale: &str) -> Option<&'static str> {
    let i = LOCALES[..5].iter().position(|(c, _)| *c == locale)?;
    FIXED.iter().find(|(t, _)| *t == term).map(|(_, tr)| tr[i])
}

/// Words translators leave in English (product names).
const KEEP: &[&str] = &["Windows", "Microsoft", "Web", "Event", "Viewer"];

enum Script {
    /// Replace some letters by accented ones.
    Latin(&'static [(char, char)]),
    Cyrillic,
    /// A CJK block: first code point, size; `spaced` keeps spaces between words.
    Cjk {
        base: u32,
        size: u32,
        spaced: bool,
    },
}

fn script(locale: &str) -> Script {
    match locale {
        "cs-CZ" => Script::Latin(&[
            ('a', 'á'),
            ('e', 'ě'),
            ('i', 'í'),
            ('u', 'ů'),
            ('y', 'ý'),
            ('r', 'ř'),
            ('s', 'š'),
            ('c', 'č'),
            ('z', 'ž'),
            ('n', 'ň'),
        ]),
        "pl-PL" => Script::Latin(&[
            ('a', 'ą'),
            ('e', 'ę'),
            ('l', 'ł'),
            ('o', 'ó'),
            ('s', 'ś'),
            ('z', 'ż'),
            ('c', 'ć'),
            ('n', 'ń'),
        ]),
        "pt-BR" => Script::Latin(&[('a', 'ã'), ('e', 'é'), ('o', 'ô'), ('c', 'ç'), ('i', 'í'), ('u', 'ú')]),
        "tr-TR" => Script::Latin(&[('i', 'ı'), ('s', 'ş'), ('g', 'ğ'), ('u', 'ü'), ('o', 'ö'), ('c', 'ç')]),
        "de-DE" => Script::Latin(&[('a', 'ä'), ('o', 'ö'), ('u', 'ü')]),
        "fr-FR" => Script::Latin(&[('e', 'é'), ('a', 'à'), ('i', 'î'), ('o', 'ô'), ('u', 'ù'), ('c', 'ç')]),
        "es-ES" => Script::Latin(&[('a', 'á'), ('e', 'é'), ('i', 'í'), ('o', 'ó'), ('u', 'ú'), ('n', 'ñ')]),
        "it-IT" => Script::Latin(&[('a', 'à'), ('e', 'è'), ('i', 'ì'), ('o', 'ò'), ('u', 'ù')]),
        "ru-RU" => Script::Cyrillic,
        "ja-JP" => Script::Cjk {
            base: 0x3042,
            size: 80,
            spaced: false,
        },
        "zh-CN" => Script::Cjk {
            base: 0x4E00,
            size: 0x4000,
            spaced: false,
        },
        "ko-KR" => Script::Cjk {
            base: 0xAC00,
            size: 11172,
            spaced: true,
        },
        _ => Script::Latin(&[('e', 'é')]),
    }
}

const CYRILLIC: [char; 26] = [
    'а', 'б', 'ц', 'д', 'е', 'ф', 'г', 'х', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'я', 'р', 'с', 'т', 'у', 'в', 'ш',
    'ж', 'ы', 'з',
];

/// Identifiers, numbers and names stay as they are.
fn keep_word(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || w.contains(['.', '_', '/', '\\'])
        || w.chars().skip(1).any(char::is_uppercase)
        || KEEP.contains(&w)
}

fn translate_word(w: &str, locale: &str, force: bool, out: &mut String) {
    match script(locale) {
        Script::Latin(map) => {
            // One accented letter in a share of the words (all of them when
            // `force`): about the accent density of the corpus' translations
            // (non-ASCII characters: cs-CZ 9 %, tr-TR 10 %, pl-PL 4 %, pt-BR 3 %).
            let lookup = |c: char| map.iter().find(|(a, _)| *a == c.to_ascii_lowercase()).map(|(_, b)| *b);
            let share = match locale {
                "cs-CZ" | "tr-TR" => 60,
                "pl-PL" | "pt-BR" => 20,
                _ => 35,
            };
            let alter = force || crate::rng::hash(0, &[w, locale]) % 100 < share;
            let at = if alter {
                w.chars().position(|c| lookup(c).is_some())
            } else {
                None
            };
            for (i, c) in w.chars().enumerate() {
                match (Some(i) == at).then(|| lookup(c)).flatten() {
                    Some(b) if c.is_uppercase() => out.extend(b.to_uppercase()),
                    Some(b) => out.push(b),
                    None => out.push(c),
                }
            }
        }
        Script::Cyrillic => {
            for c in w.chars() {
                let lower = c.to_ascii_lowercase();
                if lower.is_ascii_lowercase() {
                    let b = CYRILLIC[(lower as u8 - b'a') as usize];
                    if c.is_uppercase() {
                        out.extend(b.to_uppercase());
                    } else {
                        out.push(b);
                    }
                } else {
                    out.push(c);
                }
            }
        }
        Script::Cjk { base, size, spaced } => {
            // One character per two letters; no spaces between words in
            // Japanese and Chinese.
            if !spaced && out.ends_with(' ') && out[..out.len() - 1].chars().next_back().is_some_and(is_cjk) {
                out.pop();
            }
            let bytes = w.as_bytes();
            for pair in bytes.chunks(2) {
                let mut h: u32 = 2166136261;
                for &b in pair {
                    h = (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(16777619);
                }
                out.push(char::from_u32(base + h % size).unwrap_or('字'));
            }
        }
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{3040}'..='\u{9fff}').contains(&c) || ('\u{ac00}'..='\u{d7af}').contains(&c)
}

/// End of a word starting at the beginning of `s`: letters and digits, and
/// `. ' _ - / \` when a letter or digit follows.
fn word_end(s: &str) -> usize {
    let mut end = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
        } else if matches!(c, '.' | '\'' | '_' | '-' | '/' | '\\') {
            match it.peek() {
                Some((_, n)) if n.is_alphanumeric() => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// Length of a construct at the start of `s` that is copied as it is:
/// code span, include token, xref, entity, link target.
fn verbatim(s: &str) -> Option<usize> {
    let until = |open: usize, close: &str| s[open..].find(close).map(|j| open + j + close.len());
    if s.starts_with('`') {
        return until(1, "`");
    }
    if s.starts_with("[!INCLUDE[") {
        // [!INCLUDE[name](path)]
        return until(1, ")]");
    }
    if s.starts_with("<xref:") {
        return until(1, ">");
    }
    if s.starts_with("&#") {
        return until(2, ";");
    }
    if s.starts_with("](") {
        return until(2, ")");
    }
    None
}

/// Pseudo-translates inline Markdown for `locale`. Text with a word that
/// can change always changes.
pub fn pseudo(md: &str, locale: &str) -> String {
    let out = pseudo_pass(md, locale, false);
    if out == md { pseudo_pass(md, locale, true) } else { out }
}

fn pseudo_pass(md: &str, locale: &str, force: bool) -> String {
    let mut out = String::with_capacity(md.len() * 3 / 2);
    let mut i = 0;
    while i < md.len() {
        let rest = &md[i..];
        if let Some(n) = verbatim(rest) {
            out.push_str(&rest[..n]);
            i += n;
            continue;
        }
        let c = rest.chars().next().expect("not at the end");
        if c.is_alphanumeric() {
            let n = word_end(rest);
            let w = &rest[..n];
            if keep_word(w) {
                out.push_str(w);
            } else {
                translate_word(w, locale, force, &mut out);
            }
            i += n;
            continue;
        }
        if c == '.' && matches!(script(locale), Script::Cjk { spaced: false, .. }) && rest.len() == 1 {
            out.push('。');
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// Placeholder damage as machine translation does it (`%1` → `% 1`), with
/// the per-locale odds measured in the corpus (FORMAT.md §5).
pub fn damage_odds(locale: &str) -> f64 {
    match locale {
        "cs-CZ" | "pl-PL" => 0.55,
        "pt-BR" => 0.15,
        "ru-RU" => 0.05,
        "tr-TR" => 0.0,
        _ => 0.10,
    }
}

pub fn damage(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push(' ');
        }
    }
    out
}

/// Event titles: cs-CZ and pl-PL replace ` - ` by an en / em dash.
pub fn title_dash(title: &str, locale: &str) -> String {
    match locale {
        "cs-CZ" => title.replacen(" - ", " – ", 1),
        "pl-PL" => title.replacen(" - ", " — ", 1),
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudo_keeps_code_identifiers_placeholders_and_link_targets() {
        let en = "The `AfterReceiveReply` method of ServiceHost '%1' failed, see [the session](4032-x.md) and \
                  [!INCLUDE[netfx](../../includes/netfx-md.md)] or <xref:System.Foo> &#124; 4031.";
        for (code, _) in LOCALES {
            let t = pseudo(en, code);
            assert_ne!(t, en, "{code}");
            for keep in [
                "`AfterReceiveReply`",
                "ServiceHost",
                "%1",
                "](4032-x.md)",
                "[!INCLUDE[netfx](../../includes/netfx-md.md)]",
                "<xref:System.Foo>",
                "&#124;",
                "4031",
            ] {
                assert!(t.contains(keep), "{code}: {keep} lost in {t}");
            }
        }
        assert!(pseudo("session", "ru-RU").chars().all(|c| ('а'..='я').contains(&c)));
        assert_eq!(damage("'%1' of %2"), "'% 1' of % 2");
        assert_eq!(fixed("Level", "tr-TR"), Some("Level"));
        assert_eq!(fixed("Level", "de-DE"), None);
    }
}
