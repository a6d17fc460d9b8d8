//! Tests of `check::rules`.
use super::*;

#[test]
fn inventory_separates_placeholders_numbers_code_urls_and_includes() {
    let inv = inventory(
        "Pool %1 of {0:N2} bytes, 12 items, `code 7` [x](a.md) <xref:System.Foo%2A> [!INCLUDE[n](../i-md.md)] **b**",
    );
    assert_eq!(inv.placeholders, vec!["%1", "{0:N2}"]);
    assert_eq!(inv.numbers, vec!["12"]);
    assert_eq!(inv.code, vec!["code 7"]);
    assert_eq!(inv.urls, vec!["a.md"]);
    assert_eq!(inv.xrefs, vec!["System.Foo%2A"]);
    assert_eq!(inv.includes, vec!["../i-md.md"]);
    assert_eq!(inv.markup.bold, 1);
    assert_eq!(inv.markup.links, 1);
}

#[test]
fn format_items_and_their_look_alikes() {
    let inv = inventory("{0} {1,-8} {2:N2} {3,5:X} {x} {4 {5,} 12%3 %%6");
    assert_eq!(inv.placeholders, vec!["{0}", "{1,-8}", "{2:N2}", "{3,5:X}", "%3", "%6"]);
    assert_eq!(inv.numbers, vec!["4", "5", "12"]);
}

#[test]
fn damaged_placeholders_are_mismatches() {
    let en = inventory("The Dispatcher invoked '%1' on '%2'.");
    let tr = inventory("Dyspozytor wywołał '% 1 ' na '%2'.");
    let m = verbatim_mismatches(&en, &tr);
    assert_eq!(m.len(), 1, "the leftover digit is not reported again: {m:?}");
    assert_eq!(m[0].kind, "placeholders");
    assert_eq!(m[0].lost, vec!["%1"]);
    assert_eq!(damaged_placeholders("'% 1 ' a 2%"), vec!["% 1", "2%"]);
}

#[test]
fn dropped_numbers_are_number_mismatches() {
    let en = inventory("for example, 70,69,70,71,70,69");
    let tr = inventory("например, 70, 69, 70, 71, 69");
    assert!(verbatim_mismatches(&en, &tr).is_empty(), "numbers are their own rule");
    assert_eq!(
        number_mismatch(&en, &tr),
        Some(Mismatch {
            kind: "numbers",
            lost: vec!["70".into()],
            added: vec![]
        })
    );
}

#[test]
fn numbers_compare_by_their_digits_whatever_the_separators() {
    // Real cases of the guides corpus: thousands separators, a
    // decimal comma, a number in a word.
    for (en, tr) in [
        (
            "-9,223,372,036,854,775,808 - 9,223,372,036,854,775,807",
            "-9223372036854775808-9 223 372 036 854 775 807",
        ),
        ("the first 1000 cities", "as primeiras 1.000 cidades"),
        (
            "Windows XP SP2 with IIS 5.1",
            "Windows XP с пакетом обновления 2 (SP2) с IIS 5,1",
        ),
        ("a 64-bit Win32 process", "64bitový proces Win32"),
        ("the 11th call", "11. volání"),
    ] {
        assert_eq!(number_mismatch(&inventory(en), &inventory(tr)), None, "{en} / {tr}");
    }
    assert_eq!(
        inventory("9,223,372 and 5.1 and 1 000").numbers,
        vec!["9223372", "51", "1000"]
    );
    assert_eq!(inventory("Win32 x64 2nd 1.1.1").numbers, vec!["2", "1", "1", "1"]);
}

#[test]
fn digits_for_english_number_words_are_not_mismatches() {
    // ja-JP and zh-CN write digits where the English has words.
    for (en, tr) in [
        ("related to one request.", "1 つの要求に関連しています。"),
        (
            "match three decimal digits, a hyphen, two decimal digits, and four decimal digits.",
            "则匹配 3 个十进制数字，再接 2 个十进制数字，再接 4 个十进制数字。",
        ),
        ("a string that is twenty characters long", "长度为 20 个字符的字符串"),
        ("Match zero or one occurrence", "Совпадение в количестве 0 или 1"),
        ("twenty-five items, the first of them", "25 položek, 1. z nich"),
    ] {
        assert_eq!(number_mismatch(&inventory(en), &inventory(tr)), None, "{en} / {tr}");
    }
    // A changed number is still one.
    let m = number_mismatch(&inventory("X.509 certificate"), &inventory("X. 509.440 sertifikası")).unwrap();
    assert_eq!((m.lost, m.added), (vec!["509".to_string()], vec!["509440".to_string()]));
    // A written-out number is a lost one, without anything instead.
    let m = number_mismatch(
        &inventory("There are 3 properties"),
        &inventory("Existují tři vlastnosti"),
    )
    .unwrap();
    assert_eq!((m.lost, m.added), (vec!["3".to_string()], vec![]));
}

#[test]
fn machine_translated_remains_of_code_are_damaged_code() {
    let m = damaged_code("@No__t-0, který ukázka implementuje, a @no__t-1").unwrap();
    assert_eq!(m.added, vec!["@No__t-0", "@no__t-1"]);
    assert_eq!(damaged_code("no code here"), None);
}

#[test]
fn reordered_placeholders_are_fine() {
    let en = inventory("%1 of %2");
    let tr = inventory("%2 z %1");
    assert!(verbatim_mismatches(&en, &tr).is_empty());
}

#[test]
fn ordinals_keep_their_number() {
    let en = inventory("the 11th call");
    let tr = inventory("11. volání");
    assert!(verbatim_mismatches(&en, &tr).is_empty());
}

#[test]
fn dropped_bold_is_a_markup_difference() {
    let en = inventory("**Note:** text");
    let tr = inventory("Poznámka: text");
    assert_eq!(en.markup.differences(&tr.markup), vec!["bold 1 → 0"]);
}

#[test]
fn changed_link_target_is_a_url_mismatch() {
    let en = inventory("see [x](a.md)");
    let tr = inventory("viz [x](b.md)");
    let m = verbatim_mismatches(&en, &tr);
    assert_eq!(
        m,
        vec![Mismatch {
            kind: "URLs",
            lost: vec!["a.md".into()],
            added: vec!["b.md".into()]
        }]
    );
}

#[test]
fn identical_numbers_identifiers_and_listed_terms_are_legitimate() {
    let mut cfg = CheckConfig::default();
    for ok in [
        "4031",
        "ActivationServices",
        "ID",
        "System.ServiceModel",
        "`code`",
        "%1",
        "x64",
        "4031 - DispatchSessionFailed",
        "Microsoft-Windows-Application Server-Applications/Analytic",
    ] {
        assert!(legitimately_identical(ok, &inventory(ok), &cfg), "{ok}");
    }
    for not in [
        "Verbose",
        "Session dispatch failed.",
        "Infrastructure",
        "Keywords",
        "Level",
    ] {
        assert!(!legitimately_identical(not, &inventory(not), &cfg), "{not}");
    }
    cfg.allow_identical.push("Session dispatch failed.".into());
    let s = "Session dispatch failed.";
    assert!(legitimately_identical(s, &inventory(s), &cfg));
    cfg.allow_identical_numbers = false;
    assert!(!legitimately_identical("4031", &inventory("4031"), &cfg));
}

#[test]
fn word_diff_marks_changed_words() {
    assert_eq!(
        word_diff("defined in Asp.Net route", "defined in ASP.NET route"),
        "defined in [-Asp.Net-]{+ASP.NET+} route"
    );
    let long = word_diff(
        "one two three four five six seven eight nine ten eleven twelve end",
        "one two three four five six seven eight nine ten eleven twelve END",
    );
    assert!(long.starts_with("… "), "{long}");
    assert!(long.ends_with("[-end-]{+END+}"), "{long}");
}
