//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod browser;
pub mod check_fixture;
pub mod exchange;
pub mod files;
pub mod hostile;
pub mod server;
pub mod sitecheck;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, which is also the sample site.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Why the corpus tests are ignored by default.
pub const NEEDS_CORPUS: &str = "needs the shared corpus (../shared/corpus beside the repository)";

/// `../shared/corpus/content` beside the repository. The tests that read it
/// are `#[ignore = "needs the shared corpus …"]`; run with
/// `--include-ignored`, a missing corpus fails them.
pub fn corpus() -> PathBuf {
    let p = repo().join("../shared/corpus/content");
    assert!(
        p.is_dir(),
        "{} is missing: the corpus tests need ../shared/corpus beside the repository",
        p.display()
    );
    p
}

/// The corpus built with the sample site's settings into `dir/corpus`
/// (as the Chromium and validator tests browse it); its path.
pub fn corpus_site(dir: &Path) -> PathBuf {
    let site = dir.join("corpus");
    locdoc::build(&locdoc::BuildOptions {
        root: repo(),
        content: Some(corpus()),
        out: Some(site.clone()),
        ..Default::default()
    })
    .unwrap();
    site
}

/// `../shared/corpus/guides/content` beside the repository (the guides
/// corpus: DocFX-flavoured .NET docs pages in eight locales); a missing
/// corpus fails the tests that need it.
#[allow(dead_code)]
pub fn guides() -> PathBuf {
    let p = repo().join("../shared/corpus/guides/content");
    assert!(
        p.is_dir(),
        "{} is missing: the guides tests need ../shared/corpus beside the repository",
        p.display()
    );
    p
}

/// The site root of the guides corpus: its site.toml in the repository.
#[allow(dead_code)]
pub fn guides_root() -> PathBuf {
    repo().join("tests/sites/guides")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// A copy of the sample site in a temporary folder, to modify freely.
pub struct SampleSite {
    pub dir: tempfile::TempDir,
}

impl SampleSite {
    pub fn new() -> SampleSite {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["content", "locales", "templates"] {
            copy_dir(&repo().join(sub), &dir.path().join(sub));
        }
        std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        SampleSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let t = self.read(rel);
        self.write(rel, &f(t));
    }

    /// Runs the `locdoc` binary in the site root.
    pub fn run(&self, args: &[&str]) -> Output {
        locdoc(self.root(), args)
    }
}

/// Runs the `locdoc` binary in `dir`, without colours.
pub fn locdoc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The five seed locales of the sample site.
pub const SEED_LOCALES: [&str; 5] = ["cs-CZ", "pl-PL", "pt-BR", "ru-RU", "tr-TR"];

pub const PAGE: &str = "events/4031-dispatchsessionfailed";

/// Renders every locale of `site` into memory, as a build does, and hands
/// the renderer, the locales and what rendering produced to `f`.
pub fn rendered<T>(
    site: &locdoc::Site,
    f: impl FnOnce(&locdoc::render::Renderer, &[usize], locdoc::build::Rendered) -> T,
) -> T {
    let i18n = locdoc::render::I18n::load(&site.config, &site.root).unwrap();
    let templates = locdoc::render::Templates::load(&site.config.templates_dir, &site.root).unwrap();
    let renderer = locdoc::render::Renderer::new(site, &i18n, &templates);
    let all: Vec<usize> = (0..site.config.locales.len()).collect();
    let sink = locdoc::serve::state::MemSink::default();
    let out = locdoc::build::render_all(&renderer, &all, &sink).unwrap();
    f(&renderer, &all, out)
}
