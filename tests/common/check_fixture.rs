//! The fixture of `tests/check.rs` and `tests/check_reports.rs`: an English
//! event page and its Czech sxs translation, clean, edited per rule, or with
//! one finding of most rules (the golden fixture).

use std::path::Path;

use locdoc::Site;
use locdoc::check::{CheckOptions, CheckReport, Rule, check};

pub const SITE: &str = "title = \"t\"\nbase_url = \"https://e.org/\"\n[[locales]]\ncode = \"en-US\"\nname = \"English\"\n[[locales]]\ncode = \"cs-CZ\"\nname = \"Čeština\"\n";

pub const EN: &str = "---\ntitle: \"210 - MessageThrottleExceeded\"\n---\n# 210 - MessageThrottleExceeded\n\n|||\n|-|-|\n|ID|210|\n|Level|Warning|\n\n## Description\nThe '%1' throttle limit of '%2' was hit. See **Note** and [Throttling](throttling.md).\n";

pub fn seg(id: &str, tr: &str, en: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{tr}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{en}</span></span>"
    )
}

/// A complete, clean Czech translation of `EN`.
pub fn cs() -> String {
    format!(
        "---\ntitle: \"210 – MessageThrottleExceeded\"\nms.contentlocale: cs-CZ\nms.translationtype: MT\n---\n# {}\n\n|||\n|-|-|\n|{}|{}|\n|{}|{}|\n\n## {}\n{} {}\n",
        seg(
            "abcde-102",
            "210 – MessageThrottleExceeded",
            "210 - MessageThrottleExceeded"
        ),
        seg("abcde-103", "ID", "ID"),
        seg("abcde-104", "210", "210"),
        seg("abcde-105", "Úroveň", "Level"),
        seg("abcde-106", "Upozornění", "Warning"),
        seg("abcde-107", "Popis", "Description"),
        seg(
            "abcde-108",
            "Bylo dosaženo limitu '%1' omezení '%2'.",
            "The '%1' throttle limit of '%2' was hit."
        ),
        seg(
            "abcde-109",
            "Viz **Poznámka** a [Omezení](throttling.md).",
            "See **Note** and [Throttling](throttling.md)."
        ),
    )
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new(en: &str, cs: Option<&str>) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("site.toml", SITE);
        w("content/en-US/events/210.md", en);
        w(
            "content/en-US/events/throttling.md",
            "---\ntitle: Throttling\n---\n# Throttling\n",
        );
        w(
            "content/cs-CZ/events/throttling.md",
            &format!(
                "---\ntitle: Omezení\nms.contentlocale: cs-CZ\n---\n# {}\n",
                seg("fffff-102", "Omezení", "Throttling")
            ),
        );
        if let Some(cs) = cs {
            w("content/cs-CZ/events/210.md", cs);
        }
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn report(&self) -> CheckReport {
        let site = Site::open(self.root()).unwrap();
        let mut r = check(&site, &CheckOptions::default()).unwrap();
        r.elapsed = std::time::Duration::ZERO;
        r
    }

    pub fn rules(&self) -> Vec<(Rule, String)> {
        self.report()
            .findings
            .iter()
            .map(|f| (f.rule, f.diag.message.clone()))
            .collect()
    }

    pub fn of(&self, rule: Rule) -> Vec<locdoc::check::Finding> {
        self.report().findings.into_iter().filter(|f| f.rule == rule).collect()
    }
}

pub fn with(edit: impl Fn(String) -> String) -> Fixture {
    Fixture::new(EN, Some(&edit(cs())))
}

/// A page with one finding of most rules, for the golden files.
pub fn golden_fixture() -> Fixture {
    let f = Fixture::new(
        &EN.replace("was hit", "was reached"),
        Some(
            &cs()
                .replace(">Úroveň<", ">Level<")
                .replace("**Poznámka**", "Poznámka")
                .replace(&seg("abcde-107", "Popis", "Description"), "")
                .replace("ms.contentlocale: cs-CZ", "ms.contentlocale: cs-cz-old"),
        ),
    );
    std::fs::write(
        f.root().join("content/cs-CZ/events/throttling.md"),
        format!(
            "---\ntitle: Omezení\n---\n# {}\n",
            seg("fffff-102", "Omezení %1", "Throttling")
        ),
    )
    .unwrap();
    f
}
